import { describe, expect, it } from 'vitest'
import { countdownParts, crossedZero, formatCountdown, timerProgress, timerRemainingMs } from './countdown.ts'
import { clockOffset } from './serverClock.ts'

describe('countdown', () => {
  it('formats minutes and seconds, rounding up to whole seconds', () => {
    expect(formatCountdown(600_000)).toBe('10:00')
    expect(formatCountdown(599_001)).toBe('10:00')
    expect(formatCountdown(599_000)).toBe('9:59')
    expect(formatCountdown(5_000)).toBe('0:05')
    expect(formatCountdown(1)).toBe('0:01')
    expect(formatCountdown(0)).toBe('0:00')
    expect(formatCountdown(-5_000)).toBe('0:00')
    expect(formatCountdown(3_723_000)).toBe('1:02:03')
    expect(countdownParts(61_500)).toEqual({ minutes: 1, seconds: 2 })
  })

  it('counts on the server clock, whatever the device clock says', () => {
    // This device's clock is 90 s behind the server's.
    const serverSentAt = 1_000_000
    const receivedAt = serverSentAt - 90_000
    const offset = clockOffset(serverSentAt, receivedAt)
    const timer = { running: true, endsAt: serverSentAt + 600_000, remainingMs: null, durationMs: 600_000 }
    // 30 s later on this device.
    const deviceNow = receivedAt + 30_000
    expect(timerRemainingMs(timer, deviceNow + offset)).toBe(570_000)
    expect(formatCountdown(timerRemainingMs(timer, deviceNow + offset))).toBe('9:30')
    // Without the offset the device would show 11 minutes left.
    expect(timerRemainingMs(timer, deviceNow)).toBe(660_000)
  })

  it('shows a paused timer standing still, and progress from 0 to 1', () => {
    const paused = { running: false, endsAt: null, remainingMs: 90_000, durationMs: 120_000 }
    expect(timerRemainingMs(paused, 0)).toBe(90_000)
    expect(timerRemainingMs(paused, 10 ** 12)).toBe(90_000)
    expect(timerProgress(paused, 0)).toBe(0.25)
    const running = { running: true, endsAt: 1_000, remainingMs: null, durationMs: 1_000 }
    expect(timerProgress(running, 0)).toBe(0)
    expect(timerProgress(running, 5_000)).toBe(1)
  })

  it('notices the moment time runs out, once, and never for a page opened afterwards', () => {
    expect(crossedZero(1_000, 0, true)).toBe(true)
    expect(crossedZero(0, 0, true)).toBe(false)
    expect(crossedZero(null, 0, true)).toBe(false)
    expect(crossedZero(1_000, 500, true)).toBe(false)
    expect(crossedZero(1_000, 0, false)).toBe(false)
  })
})
