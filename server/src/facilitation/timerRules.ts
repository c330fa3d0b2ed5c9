import {
  type BoardTimerSection,
  FacilitationErrorCode,
  TIMER_ADD_DEFAULT_SECONDS,
  TIMER_MAX_SECONDS,
  type TimerActionBody,
} from '@pinnwand/shared'

/** The stored timer is exactly what clients see; there is nothing private about it. */
export type TimerState = BoardTimerSection

export type TimerDecision =
  { ok: true; timer: TimerState | null } | { ok: false; code: FacilitationErrorCode; message: string }

const MAX_MS = TIMER_MAX_SECONDS * 1000

/** Milliseconds left at `now` (never negative); 0 for a timer that has run out. */
export function remainingMs(timer: TimerState, now: number): number {
  if (!timer.running) return Math.max(0, timer.remainingMs ?? 0)
  return Math.max(0, (timer.endsAt ?? now) - now)
}

/** A running timer whose end has passed. It stays (showing 0:00, "time is up") until stopped. */
export function hasRunOut(timer: TimerState, now: number): boolean {
  return timer.running && remainingMs(timer, now) === 0
}

/**
 * What a facilitator's timer action does to the board's timer at `now`. Pure: the caller loads
 * and stores. `start` always (re)starts; `stop` always ends (idempotent, so a retried stop is
 * fine); the others need a timer in the matching state.
 */
export function applyTimerAction(current: TimerState | null, action: TimerActionBody, now: number): TimerDecision {
  switch (action.action) {
    case 'start': {
      const ms = Math.min(action.seconds * 1000, MAX_MS)
      return ok({ running: true, endsAt: now + ms, remainingMs: null, durationMs: ms })
    }
    case 'stop':
      return ok(null)
    case 'pause': {
      if (!current?.running || hasRunOut(current, now)) {
        return refuse(FacilitationErrorCode.timerNotRunning, 'The timer is not counting down.')
      }
      return ok({ ...current, running: false, endsAt: null, remainingMs: remainingMs(current, now) })
    }
    case 'resume': {
      if (!current || current.running) return refuse(FacilitationErrorCode.timerNotPaused, 'The timer is not paused.')
      return ok({ ...current, running: true, endsAt: now + remainingMs(current, now), remainingMs: null })
    }
    case 'add': {
      if (!current) return refuse(FacilitationErrorCode.noTimer, 'There is no timer to add time to.')
      const added = (action.seconds ?? TIMER_ADD_DEFAULT_SECONDS) * 1000
      // A timer that ran out starts again from zero: "one more minute" after time is up.
      const left = Math.min(remainingMs(current, now) + added, MAX_MS)
      const durationMs = Math.min(Math.max(current.durationMs, 0) + added, MAX_MS)
      return current.running
        ? ok({ ...current, endsAt: now + left, durationMs: Math.max(durationMs, left) })
        : ok({ ...current, remainingMs: left, durationMs: Math.max(durationMs, left) })
    }
  }
}

const ok = (timer: TimerState | null): TimerDecision => ({ ok: true, timer })
const refuse = (code: FacilitationErrorCode, message: string): TimerDecision => ({ ok: false, code, message })
