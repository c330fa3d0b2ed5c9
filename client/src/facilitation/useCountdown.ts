import type { BoardTimerSection } from '@pinnwand/shared/boardState'
import { useEffect, useRef, useState } from 'react'
import { crossedZero, timerRemainingMs } from './countdown.ts'
import { serverTime } from './serverClock.ts'

/** Re-renders a few times a second while a timer runs; a paused or finished one stands still. */
export function useCountdown(timer: BoardTimerSection | null | undefined): { remainingMs: number; ended: boolean } {
  const [, setTick] = useState(0)
  const remaining = timer ? timerRemainingMs(timer, serverTime()) : 0
  const ticking = !!timer?.running && remaining > 0
  useEffect(() => {
    if (!ticking) return
    const interval = setInterval(() => setTick((n) => n + 1), 250)
    return () => clearInterval(interval)
  }, [ticking])
  return { remainingMs: remaining, ended: !!timer?.running && remaining === 0 }
}

/** Calls `onTimeUp` once when a timer this page is watching runs out (not when opened afterwards). */
export function useTimeUp(
  timer: BoardTimerSection | null | undefined,
  remainingMs: number,
  onTimeUp: () => void,
): void {
  const previous = useRef<{ endsAt: number | null; remaining: number } | null>(null)
  const callback = useRef(onTimeUp)
  // The latest callback, without making the effect below run for a new function every render.
  useEffect(() => {
    callback.current = onTimeUp
  })
  useEffect(() => {
    const endsAt = timer?.endsAt ?? null
    const before = previous.current && previous.current.endsAt === endsAt ? previous.current.remaining : null
    if (timer && crossedZero(before, remainingMs, timer.running)) callback.current()
    previous.current = timer ? { endsAt, remaining: remainingMs } : null
  }, [timer, remainingMs])
}
