import { describe, expect, it } from 'vitest'
import { decideTimerChange, type TimerState } from './timerRules.ts'

const running: TimerState = { status: 'open', closesAt: 10_000, pausedRemainingMs: null }
const paused: TimerState = { status: 'open', closesAt: null, pausedRemainingMs: 4_000 }

describe('decideTimerChange', () => {
  it('pauses: no deadline, the time left kept', () => {
    expect(decideTimerChange(running, 'pause', 7_000)).toEqual({
      ok: true,
      closesAt: null,
      pausedRemainingMs: 3_000,
      changed: true,
    })
  })

  it('resumes with exactly the time that was left', () => {
    expect(decideTimerChange(paused, 'resume', 50_000)).toEqual({
      ok: true,
      closesAt: 54_000,
      pausedRemainingMs: null,
      changed: true,
    })
  })

  it('pause and resume are idempotent (a retried tap changes nothing)', () => {
    expect(decideTimerChange(paused, 'pause', 1)).toMatchObject({ ok: true, changed: false, pausedRemainingMs: 4_000 })
    expect(decideTimerChange(running, 'resume', 1)).toMatchObject({ ok: true, changed: false, closesAt: 10_000 })
  })

  it('extends a running or a paused timer', () => {
    expect(decideTimerChange(running, 'extend', 9_000)).toMatchObject({ ok: true, closesAt: 70_000 })
    expect(decideTimerChange(paused, 'extend', 9_000, 30_000)).toMatchObject({
      ok: true,
      closesAt: null,
      pausedRemainingMs: 34_000,
    })
  })

  it('refuses rounds that are not open (also when the deadline passed) and rounds without timer', () => {
    expect(decideTimerChange({ ...running, status: 'closed' }, 'extend', 0)).toEqual({
      ok: false,
      code: 'round_not_open',
    })
    expect(decideTimerChange(running, 'extend', 10_000)).toEqual({ ok: false, code: 'round_not_open' })
    expect(decideTimerChange({ status: 'open', closesAt: null, pausedRemainingMs: null }, 'pause', 0)).toEqual({
      ok: false,
      code: 'round_has_no_timer',
    })
  })
})
