import type { TimerState } from './timerRules.ts'

/** Where each board's facilitation timer is kept (a database row, so it survives restarts). */
export interface TimerStore {
  getTimer(boardId: string): Promise<TimerState | null>
  /** Replaces the board's timer; null removes it. */
  setTimer(boardId: string, timer: TimerState | null, now: number): Promise<void>
}
