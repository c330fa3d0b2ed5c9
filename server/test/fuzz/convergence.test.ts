import { describe, expect, it } from 'vitest'
import { oneInstance, twoInstances } from '../helpers/twoInstances.ts'
import { FUZZ_SERVER_ENV, fuzzRun } from './fuzzRun.ts'
import { type FuzzSummary, GatewayFuzz } from './GatewayFuzz.ts'

const databaseUrl = process.env.DATABASE_URL
const redisUrl = process.env.REDIS_URL

/**
 * Seeded convergence through the real rooms (issue 15): real y-websocket clients on the real
 * server (BoardRoom's review, compensation, net diffs, DeleteWins; on two instances the relay)
 * cross each other's writes, try what they may not, reload from cache and meet hostile updates.
 * Every step keeps the authority invariants; at the end clients, rooms, store and fresh clients
 * hold the same records. Pinned seeds; `FUZZ_SEED=5,6 FUZZ_STEPS=200` runs others by hand.
 */
const PINNED_SEEDS = [1, 2, 42, 51, 58, 71, 1337, 20261205]
const { seeds, steps } = fuzzRun(PINNED_SEEDS, 40)

function check(summary: FuzzSummary): void {
  console.info(
    `convergence fuzz seed ${summary.seed}: ${summary.steps} steps, ${summary.honestWrites} honest writes, ` +
      `${JSON.stringify(summary.crossings)}, attacks ${Object.keys(summary.attacks).length} kinds`,
  )
  // A run that crossed nothing would prove nothing about convergence.
  const crossings = Object.entries(summary.crossings).filter(([kind]) => kind.startsWith('crossing'))
  expect(crossings.reduce((sum, [, n]) => sum + n, 0)).toBeGreaterThan(0)
  expect(summary.honestWrites).toBeGreaterThan(0)
}

describe('convergence through the real room: one instance', () => {
  const t = oneInstance(FUZZ_SERVER_ENV)

  for (const seed of seeds) {
    it(`seed ${seed}`, async () => {
      check(await new GatewayFuzz({ seed, steps, servers: [t], profile: 'convergence' }).run())
    }, 90_000)
  }
})

/**
 * On two instances this fuzz found, all fixed (DeleteWins, BoardRoom; BoardRoom.crossingCleanups
 * and authorityRelay tests): moves crossing on two instances making the card vanish; an owner's
 * clean-up after an edit crossing a put-back and a move read as her delete (seeds 51, 58); a
 * delete crossing a move or a put-back from the other instance losing (seeds 32, 36, 38, 46, 71);
 * presence under a writer's id from the other instance (seed 55); a put-back after a hostile
 * append-only update overwriting the owner's crossing edit, or the rooms disagreeing (seed 3).
 * Pinned seeds run whenever DATABASE_URL and REDIS_URL are set; `FUZZ_SEED=…` explores others
 * (100 of 100 random seeds held when this was written).
 */
const CLUSTER_PINNED_SEEDS = [3, 38, 55, 71]
if (databaseUrl && redisUrl)
  describe('convergence through the real rooms: two instances through Redis', () => {
    const { a, b } = twoInstances('convergence', { ...FUZZ_SERVER_ENV, COMPACT_EVERY: '5' })
    for (const seed of fuzzRun(CLUSTER_PINNED_SEEDS, 40).seeds) {
      it(`seed ${seed}`, async () => {
        check(await new GatewayFuzz({ seed, steps, servers: [a, b], profile: 'convergence' }).run())
      }, 90_000)
    }
  })
