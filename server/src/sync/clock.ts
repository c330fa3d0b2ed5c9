/** A timer the clock handed out, to cancel it. Opaque to its users. */
export type ClockTimer = { readonly clockTimer: true } | ReturnType<typeof setTimeout>

/**
 * Time as rooms and relays see it. Production uses `systemClock`; tests inject a `ManualClock`
 * (sync/ManualClock.ts) and move time forward by exactly the window they test instead of
 * sleeping through it, so a slow machine cannot make them flaky and a fast one need not wait.
 */
export interface Clock {
  /** Wall-clock milliseconds (what `Date.now()` says): ages that mean "since when" in real time. */
  now(): number
  /** Monotonic milliseconds for windows and durations: never jumps when the system clock is set. */
  monotonic(): number
  setTimeout(run: () => void, ms: number): ClockTimer
  clearTimeout(timer: ClockTimer): void
}

export const systemClock: Clock = {
  now: () => Date.now(),
  monotonic: () => performance.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
}
