import type { BoardTimerSection } from '@pinnwand/shared/boardState'

/** Milliseconds left on a timer at the server time `serverNow` (never negative). */
export function timerRemainingMs(timer: BoardTimerSection, serverNow: number): number {
  if (!timer.running) return Math.max(0, timer.remainingMs ?? 0)
  return Math.max(0, (timer.endsAt ?? serverNow) - serverNow)
}

/** Share of the timer already used, 0…1 (for a progress bar). */
export function timerProgress(timer: BoardTimerSection, serverNow: number): number {
  if (timer.durationMs <= 0) return 1
  return Math.min(1, Math.max(0, 1 - timerRemainingMs(timer, serverNow) / timer.durationMs))
}

/**
 * "9:59", "0:05", "1:02:03". Whole seconds rounded up: a fresh 10-minute timer reads 10:00,
 * and 0:00 appears only when the time is really up.
 */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000))
  const hours = Math.floor(total / 3600)
  const minutes = Math.floor((total % 3600) / 60)
  const seconds = total % 60
  const ss = String(seconds).padStart(2, '0')
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${ss}` : `${minutes}:${ss}`
}

/** Whole minutes and seconds left, for screen readers ("9 minutes 59 seconds" reads better than 9:59). */
export function countdownParts(ms: number): { minutes: number; seconds: number } {
  const total = Math.max(0, Math.ceil(ms / 1000))
  return { minutes: Math.floor(total / 60), seconds: total % 60 }
}

/**
 * True exactly when a watched timer crosses zero: it had time left at the previous look and
 * has none now. A page opened after the end never counts as "time is up" (no late beep).
 */
export function crossedZero(previousMs: number | null, currentMs: number, running: boolean): boolean {
  return running && previousMs !== null && previousMs > 0 && currentMs === 0
}
