import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type FreshDatabase, freshPostgres } from '../helpers/freshPostgres.ts'
import { startTestServer, type TestServer } from '../helpers/testServer.ts'
import { RelayFuzz } from './RelayFuzz.ts'

const databaseUrl = process.env.DATABASE_URL
const redisUrl = process.env.REDIS_URL

/** Pinned seeds; `FUZZ_SEED=1,2 FUZZ_STEPS=200` runs others by hand. */
const PINNED_SEEDS = [3, 77]
const seeds = process.env.FUZZ_SEED ? process.env.FUZZ_SEED.split(',').map(Number) : PINNED_SEEDS
const steps = Number(process.env.FUZZ_STEPS ?? 40)

describe.skipIf(!databaseUrl || !redisUrl)('relay fuzz: a hostile publisher on Redis (issue 12)', () => {
  let database: FreshDatabase
  let a: TestServer
  let b: TestServer
  beforeAll(async () => {
    database = await freshPostgres(databaseUrl!, 'relay_fuzz')
    const env = { DATABASE_URL: database.url, REDIS_URL: redisUrl!, COMPACT_EVERY: '5', RELAY_HEARTBEAT_MS: '200' }
    a = await startTestServer(env)
    b = await startTestServer(env)
  })
  afterAll(async () => {
    await a?.stop()
    await b?.stop()
    await database?.drop()
  })

  for (const seed of seeds) {
    it(`seed ${seed}`, async () => {
      const summary = await new RelayFuzz({
        seed,
        steps,
        servers: [a, b],
        redisUrl: redisUrl!,
        databaseUrl: database.url,
      }).run()
      console.info(`relay fuzz seed ${seed}: ${JSON.stringify(summary)}`)
      expect(summary.captured).toBeGreaterThan(0)
    }, 90_000)
  }
})
