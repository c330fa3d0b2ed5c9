/**
 * What the fuzz suites share: the seeds to run (the pinned ones, or `FUZZ_SEED=1,2,3` by hand)
 * and how many steps (`FUZZ_STEPS`), and the server budgets they run under.
 */
export function fuzzRun(pinnedSeeds: number[], defaultSteps: number): { seeds: number[]; steps: number } {
  return {
    seeds: process.env.FUZZ_SEED ? process.env.FUZZ_SEED.split(',').map(Number) : pinnedSeeds,
    steps: Number(process.env.FUZZ_STEPS ?? defaultSteps),
  }
}

/** Budgets generous enough that bursts reach the room (the budget itself is tested elsewhere). */
export const FUZZ_SERVER_ENV = {
  WS_UPDATES_PER_SECOND: '10000',
  WS_UPDATES_BURST: '10000',
  WS_BYTES_PER_SECOND: '100000000',
  WS_BYTES_BURST: '100000000',
}
