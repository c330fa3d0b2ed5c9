import { loadavg } from 'node:os'

/** `--quick` (BENCH_QUICK=1): small sizes for the smoke test; figures are then not meaningful. */
export const quick = process.env.BENCH_QUICK === '1'

/** A size: the full value, or the quick one in quick mode; BENCH_<NAME> overrides both. */
export function size(name: string, full: number, small: number): number {
  const override = process.env[`BENCH_${name}`]
  return override !== undefined ? Number(override) : quick ? small : full
}

/**
 * Prints one result line (the bench's only stdout output), with the machine's load average:
 * on a shared machine other processes' CPU use colours every figure.
 */
export function emit(result: Record<string, unknown>): void {
  const machineLoad1m = Math.round(loadavg()[0]! * 10) / 10
  console.log(JSON.stringify({ ...result, machineLoad1m, ...(quick ? { quick: true } : {}) }))
}

/** Ours divided by theirs, rounded; null when either is missing. */
export function ratio(ours: number, theirs: number): number | null {
  if (!Number.isFinite(ours) || !Number.isFinite(theirs) || theirs === 0) return null
  return Math.round((ours / theirs) * 100) / 100
}
