import { describe, expect, it } from 'vitest'
import { TokenBuckets } from './TokenBucket.ts'

describe('TokenBuckets', () => {
  it('allows a burst, then the sustained rate, and says when to retry', () => {
    const buckets = new TokenBuckets(10, 3)
    expect([1, 2, 3].map(() => buckets.take('a', 0).ok)).toEqual([true, true, true])
    const refused = buckets.take('a', 0)
    expect(refused).toEqual({ ok: false, retryAfterMs: 100 })
    expect(buckets.take('a', 100).ok).toBe(true)
    expect(buckets.take('a', 100).ok).toBe(false)
  })

  it('keys are independent: one busy device does not starve another', () => {
    const buckets = new TokenBuckets(1, 2)
    for (let i = 0; i < 50; i++) buckets.take('busy', 0)
    expect(buckets.take('calm', 0).ok).toBe(true)
  })

  it('sweeps buckets that are full again', () => {
    const buckets = new TokenBuckets(10, 5)
    buckets.take('a', 0)
    buckets.take('b', 400)
    buckets.sweep(500)
    expect(buckets.size).toBe(1)
    buckets.sweep(900)
    expect(buckets.size).toBe(0)
  })
})
