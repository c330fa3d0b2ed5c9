import { RoundStatus } from './votingRules.ts'

/**
 * Pausing and extending a round's timer, as pure decisions over the stored timer fields. While
 * paused the round has no deadline (`closesAt` null) and `pausedRemainingMs` holds what is left,
 * so every existing rule (votes refused after `closesAt`, the timer closing overdue rounds, the
 * restart sweep) works unchanged: a paused round simply cannot run out.
 */

export interface TimerState {
  status: RoundStatus
  closesAt: number | null
  pausedRemainingMs: number | null
}

export const TimerAction = { pause: 'pause', resume: 'resume', extend: 'extend' } as const
export type TimerAction = (typeof TimerAction)[keyof typeof TimerAction]

export const TimerRefusal = { roundNotOpen: 'round_not_open', noTimer: 'round_has_no_timer' } as const
export type TimerRefusal = (typeof TimerRefusal)[keyof typeof TimerRefusal]

export type TimerOutcome =
  | { ok: true; closesAt: number | null; pausedRemainingMs: number | null; changed: boolean }
  | { ok: false; code: TimerRefusal }

/**
 * Pause and resume are idempotent (pausing a paused timer changes nothing), so a retried tap is
 * harmless; extend adds `extendMs` to whatever is left, running or paused.
 */
export function decideTimerChange(
  round: TimerState,
  action: TimerAction,
  now: number,
  extendMs = 60_000,
): TimerOutcome {
  const running = round.closesAt !== null
  const paused = round.pausedRemainingMs !== null
  if (round.status !== RoundStatus.open || (running && now >= round.closesAt!)) {
    return { ok: false, code: TimerRefusal.roundNotOpen }
  }
  if (!running && !paused) return { ok: false, code: TimerRefusal.noTimer }
  const same = {
    ok: true as const,
    closesAt: round.closesAt,
    pausedRemainingMs: round.pausedRemainingMs,
    changed: false,
  }
  switch (action) {
    case TimerAction.pause:
      if (paused) return same
      return { ok: true, closesAt: null, pausedRemainingMs: round.closesAt! - now, changed: true }
    case TimerAction.resume:
      if (running) return same
      return { ok: true, closesAt: now + round.pausedRemainingMs!, pausedRemainingMs: null, changed: true }
    case TimerAction.extend:
      if (paused)
        return { ok: true, closesAt: null, pausedRemainingMs: round.pausedRemainingMs! + extendMs, changed: true }
      return { ok: true, closesAt: round.closesAt! + extendMs, pausedRemainingMs: null, changed: true }
  }
}
