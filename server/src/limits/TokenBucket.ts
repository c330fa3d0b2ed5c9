/**
 * Token buckets per key (requests per token): each key may do `burst` at once and `perSecond`
 * sustained. Pure: the caller passes the time, so tests need no clock.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>()
  private readonly perSecond: number
  private readonly burst: number

  constructor(perSecond: number, burst: number) {
    this.perSecond = perSecond
    this.burst = Math.max(1, burst)
  }

  /** Takes one token; when none is left, says how long until the next one (ms). */
  take(key: string, nowMs: number): { ok: true } | { ok: false; retryAfterMs: number } {
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, at: nowMs }
    const elapsed = Math.max(0, nowMs - bucket.at) / 1000
    bucket.tokens = Math.min(this.burst, bucket.tokens + elapsed * this.perSecond)
    bucket.at = nowMs
    this.buckets.set(key, bucket)
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1
      return { ok: true }
    }
    return { ok: false, retryAfterMs: Math.ceil(((1 - bucket.tokens) / this.perSecond) * 1000) }
  }

  /** Forgets buckets that are full again (bounded memory over a long day). */
  sweep(nowMs: number): void {
    const refillMs = (this.burst / this.perSecond) * 1000
    for (const [key, bucket] of this.buckets) if (nowMs - bucket.at >= refillMs) this.buckets.delete(key)
  }

  get size(): number {
    return this.buckets.size
  }
}
