import { describe, expect, it } from 'vitest'
import { GuessThrottle } from './GuessThrottle.ts'

describe('GuessThrottle', () => {
  it('allows failuresPerMinute wrong guesses, then blocks with a doubling backoff', () => {
    const throttle = new GuessThrottle({ failuresPerMinute: 3, baseBlockMs: 60_000, maxBlockMs: 8 * 60_000 })
    let now = 0
    for (let i = 0; i < 3; i++) expect(throttle.fail('a', now).ok).toBe(true)
    expect(throttle.fail('a', now)).toEqual({ ok: false, retryAfterMs: 60_000 })
    expect(throttle.check('a', now + 59_999).ok).toBe(false)
    expect(throttle.check('b', now).ok).toBe(true)
    now += 60_000
    expect(throttle.check('a', now).ok).toBe(true)
    // The minute refilled the three free failures; the next offence costs twice as long.
    for (let i = 0; i < 3; i++) expect(throttle.fail('a', now).ok).toBe(true)
    expect(throttle.fail('a', now)).toEqual({ ok: false, retryAfterMs: 120_000 })
    now += 120_000
    for (let i = 0; i < 3; i++) throttle.fail('a', now)
    expect(throttle.fail('a', now)).toEqual({ ok: false, retryAfterMs: 240_000 })
    now += 240_000
    for (let i = 0; i < 3; i++) throttle.fail('a', now)
    expect(throttle.fail('a', now)).toEqual({ ok: false, retryAfterMs: 8 * 60_000 })
    now += 8 * 60_000
    for (let i = 0; i < 3; i++) throttle.fail('a', now)
    expect(throttle.fail('a', now)).toEqual({ ok: false, retryAfterMs: 8 * 60_000 })
  })

  it('forgets strikes after a quiet spell and sweeps what it no longer needs', () => {
    const throttle = new GuessThrottle({ failuresPerMinute: 1, baseBlockMs: 1000, maxBlockMs: 10_000 })
    throttle.fail('a', 0)
    expect(throttle.fail('a', 0)).toEqual({ ok: false, retryAfterMs: 1000 })
    throttle.sweep(61_000)
    expect(throttle.size).toBe(0)
    throttle.fail('a', 61_000)
    expect(throttle.fail('a', 61_000)).toEqual({ ok: false, retryAfterMs: 1000 })
  })

  it('0 switches it off', () => {
    const throttle = new GuessThrottle({ failuresPerMinute: 0 })
    for (let i = 0; i < 100; i++) expect(throttle.fail('a', 0).ok).toBe(true)
    expect(throttle.check('a', 0).ok).toBe(true)
  })
})
