import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../helpers/testServer.ts'
import { HttpApiFuzz } from './HttpApiFuzz.ts'
import { fuzzRun } from './fuzzRun.ts'

/** Pinned seeds; `FUZZ_SEED=1,2 FUZZ_STEPS=500` runs others by hand. */
// 3 and 5 fail within 40 steps when the API ignores the board lock (checked by removing the check).
const PINNED_SEEDS = [3, 5, 1312]
const { seeds, steps } = fuzzRun(PINNED_SEEDS, 120)

describe('HTTP API fuzz: hostile requests against every write route (issue 12)', () => {
  let t: TestServer
  beforeAll(async () => {
    // Limits high enough that requests reach the routes (the limits have tests of their own).
    t = await startTestServer({ RATE_LIMIT_PER_SECOND: '10000', RATE_LIMIT_BURST: '10000', GUESSES_PER_MINUTE: '0' })
  })
  afterAll(() => t.stop())

  for (const seed of seeds) {
    it(`seed ${seed}`, async () => {
      const summary = await new HttpApiFuzz({ seed, steps, server: t }).run()
      console.info(
        `HTTP fuzz seed ${seed}: ${summary.routes} write routes, answers ${JSON.stringify(summary.statuses)}`,
      )
      expect(Object.keys(summary.statuses).some((s) => s.startsWith('2'))).toBe(true)
    }, 120_000)
  }
})
