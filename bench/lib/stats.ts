/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}

export const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits

export interface LatencySummary {
  samples: number
  p50Ms: number
  p95Ms: number
  p99Ms: number
  maxMs: number
}

/** p50/p95/p99/max of latencies in ms (any order). */
export function summarize(latencies: ArrayLike<number>): LatencySummary {
  const sorted = Float64Array.from(latencies).sort()
  return {
    samples: sorted.length,
    p50Ms: round(percentile(sorted, 50)),
    p95Ms: round(percentile(sorted, 95)),
    p99Ms: round(percentile(sorted, 99)),
    maxMs: round(sorted.length ? sorted[sorted.length - 1]! : NaN),
  }
}

/** A monotonic clock shared by every process on this machine (CLOCK_MONOTONIC), in ms. */
export const monotonicMs = () => Number(process.hrtime.bigint()) / 1e6
