import { describe, expect, it } from 'vitest'
import { applyTimerAction, hasRunOut, remainingMs, type TimerState } from './timerRules.ts'

const T0 = 1_000_000

function timer(decision: ReturnType<typeof applyTimerAction>): TimerState {
  if (!decision.ok || !decision.timer) throw new Error(`expected a timer, got ${JSON.stringify(decision)}`)
  return decision.timer
}

describe('board timer rules', () => {
  it('starts with an absolute end time and counts down', () => {
    const started = timer(applyTimerAction(null, { action: 'start', seconds: 600 }, T0))
    expect(started).toEqual({ running: true, endsAt: T0 + 600_000, remainingMs: null, durationMs: 600_000 })
    expect(remainingMs(started, T0 + 60_000)).toBe(540_000)
    expect(hasRunOut(started, T0 + 600_000)).toBe(true)
    expect(remainingMs(started, T0 + 700_000)).toBe(0)
  })

  it('pauses with what is left and resumes from there', () => {
    const started = timer(applyTimerAction(null, { action: 'start', seconds: 60 }, T0))
    const paused = timer(applyTimerAction(started, { action: 'pause' }, T0 + 20_000))
    expect(paused).toMatchObject({ running: false, endsAt: null, remainingMs: 40_000 })
    // Time passing while paused changes nothing.
    expect(remainingMs(paused, T0 + 999_000)).toBe(40_000)
    const resumed = timer(applyTimerAction(paused, { action: 'resume' }, T0 + 100_000))
    expect(resumed).toMatchObject({ running: true, endsAt: T0 + 140_000, remainingMs: null })
  })

  it('adds a minute by default, to a running or a paused timer', () => {
    const started = timer(applyTimerAction(null, { action: 'start', seconds: 60 }, T0))
    const more = timer(applyTimerAction(started, { action: 'add' }, T0 + 10_000))
    expect(more.endsAt).toBe(T0 + 120_000)
    expect(more.durationMs).toBe(120_000)
    const paused = timer(applyTimerAction(more, { action: 'pause' }, T0 + 20_000))
    const plus30 = timer(applyTimerAction(paused, { action: 'add', seconds: 30 }, T0 + 20_000))
    expect(plus30.remainingMs).toBe(130_000)
  })

  it('adding to a timer that ran out starts counting again from zero', () => {
    const started = timer(applyTimerAction(null, { action: 'start', seconds: 60 }, T0))
    const again = timer(applyTimerAction(started, { action: 'add' }, T0 + 300_000))
    expect(again.endsAt).toBe(T0 + 360_000)
    expect(hasRunOut(again, T0 + 300_001)).toBe(false)
  })

  it('refuses actions that do not fit the state, and stop is always fine', () => {
    expect(applyTimerAction(null, { action: 'pause' }, T0)).toMatchObject({ ok: false, code: 'timer_not_running' })
    expect(applyTimerAction(null, { action: 'resume' }, T0)).toMatchObject({ ok: false, code: 'timer_not_paused' })
    expect(applyTimerAction(null, { action: 'add' }, T0)).toMatchObject({ ok: false, code: 'no_timer' })
    const started = timer(applyTimerAction(null, { action: 'start', seconds: 60 }, T0))
    expect(applyTimerAction(started, { action: 'resume' }, T0)).toMatchObject({ ok: false, code: 'timer_not_paused' })
    expect(applyTimerAction(started, { action: 'pause' }, T0 + 61_000)).toMatchObject({
      ok: false,
      code: 'timer_not_running',
    })
    expect(applyTimerAction(started, { action: 'stop' }, T0)).toEqual({ ok: true, timer: null })
    expect(applyTimerAction(null, { action: 'stop' }, T0)).toEqual({ ok: true, timer: null })
  })

  it('never goes beyond twelve hours, however often time is added', () => {
    let current = timer(applyTimerAction(null, { action: 'start', seconds: 12 * 3600 }, T0))
    for (let i = 0; i < 3; i++) current = timer(applyTimerAction(current, { action: 'add', seconds: 3600 }, T0))
    expect(remainingMs(current, T0)).toBe(12 * 3600 * 1000)
  })
})
