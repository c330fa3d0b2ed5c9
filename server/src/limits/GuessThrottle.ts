import { TokenBuckets } from './TokenBucket.ts'

export type ThrottleVerdict = { ok: true } | { ok: false; retryAfterMs: number }

export interface GuessThrottleOptions {
  /** Failed attempts per key and minute before the key is blocked (0 switches the throttle off). */
  failuresPerMinute: number
  /** The first block; each further one while the key is still remembered doubles it. */
  baseBlockMs?: number
  maxBlockMs?: number
}

/**
 * Failed guesses per client address (join codes, recovery passphrases): `failuresPerMinute`
 * wrong answers are free, then the address is blocked for `baseBlockMs`, twice as long on the
 * next offence, up to `maxBlockMs`. Only failures count, so a hall joining through one NAT
 * address with the right code is never slowed down; a typo or two are far below the threshold.
 * Pure: the caller passes the time.
 */
export class GuessThrottle {
  private readonly failures: TokenBuckets
  private readonly blocks = new Map<string, { until: number; strikes: number }>()
  private readonly enabled: boolean
  private readonly baseBlockMs: number
  private readonly maxBlockMs: number

  constructor({ failuresPerMinute, baseBlockMs = 60_000, maxBlockMs = 60 * 60_000 }: GuessThrottleOptions) {
    this.enabled = failuresPerMinute > 0
    this.failures = new TokenBuckets(Math.max(failuresPerMinute, 1) / 60, Math.max(failuresPerMinute, 1))
    this.baseBlockMs = baseBlockMs
    this.maxBlockMs = maxBlockMs
  }

  /** Whether `key` may try now; blocked keys learn how long to wait. */
  check(key: string, nowMs: number): ThrottleVerdict {
    if (!this.enabled) return { ok: true }
    const block = this.blocks.get(key)
    if (block && block.until > nowMs) return { ok: false, retryAfterMs: block.until - nowMs }
    return { ok: true }
  }

  /** Records one wrong guess; returns the block it caused, if any. */
  fail(key: string, nowMs: number): ThrottleVerdict {
    if (!this.enabled) return { ok: true }
    if (this.failures.take(key, nowMs).ok) return { ok: true }
    const previous = this.blocks.get(key)
    // Strikes are forgotten maxBlockMs after the last block ended: a hall that mistyped
    // yesterday starts fresh.
    const strikes = previous && nowMs - previous.until < this.maxBlockMs ? previous.strikes + 1 : 1
    const blockMs = Math.min(this.maxBlockMs, this.baseBlockMs * 2 ** (strikes - 1))
    this.blocks.set(key, { until: nowMs + blockMs, strikes })
    return { ok: false, retryAfterMs: blockMs }
  }

  /** Forgets keys whose budget is full again and whose strikes have expired (bounded memory). */
  sweep(nowMs: number): void {
    this.failures.sweep(nowMs)
    for (const [key, block] of this.blocks) if (nowMs - block.until >= this.maxBlockMs) this.blocks.delete(key)
  }

  get size(): number {
    return this.blocks.size + this.failures.size
  }
}
