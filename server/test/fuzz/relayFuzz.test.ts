import { describe, expect, it } from 'vitest'
import { twoInstances } from '../helpers/twoInstances.ts'
import { RelayFuzz } from './RelayFuzz.ts'
import { fuzzRun } from './fuzzRun.ts'

const databaseUrl = process.env.DATABASE_URL
const redisUrl = process.env.REDIS_URL

/** Pinned seeds; `FUZZ_SEED=1,2 FUZZ_STEPS=200` runs others by hand. */
const PINNED_SEEDS = [3, 77]
const { seeds, steps } = fuzzRun(PINNED_SEEDS, 40)

describe.skipIf(!databaseUrl || !redisUrl)('relay fuzz: a hostile publisher on Redis (issue 12)', () => {
  const suite = twoInstances('relay_fuzz', { COMPACT_EVERY: '5', RELAY_HEARTBEAT_MS: '200' })
  const { a, b } = suite

  for (const seed of seeds) {
    it(`seed ${seed}`, async () => {
      const summary = await new RelayFuzz({
        seed,
        steps,
        servers: [a, b],
        redisUrl: redisUrl!,
        databaseUrl: suite.databaseUrl,
      }).run()
      console.info(`relay fuzz seed ${seed}: ${JSON.stringify(summary)}`)
      expect(summary.captured).toBeGreaterThan(0)
    }, 90_000)
  }
})
