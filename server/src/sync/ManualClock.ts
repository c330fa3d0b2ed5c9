import type { Clock, ClockTimer } from './clock.ts'

interface Scheduled {
  readonly clockTimer: true
  at: number
  order: number
  run: () => void
}

/**
 * A clock that moves only when a test says so (tests only). `advance(ms)` runs every timer that
 * falls due on the way, in time order, each at its own moment, with the event loop's microtasks
 * (awaited persistence, promise chains) settled after each — as if the time had really passed.
 */
export class ManualClock implements Clock {
  private time: number
  private readonly start: number
  private timers: Scheduled[] = []
  private order = 0

  constructor(start = Date.UTC(2026, 0, 1, 9, 0, 0)) {
    this.time = start
    this.start = start
  }

  now(): number {
    return this.time
  }

  monotonic(): number {
    return this.time - this.start
  }

  setTimeout(run: () => void, ms: number): ClockTimer {
    const timer: Scheduled = { clockTimer: true, at: this.time + Math.max(0, ms), order: this.order++, run }
    this.timers.push(timer)
    return timer
  }

  clearTimeout(timer: ClockTimer): void {
    this.timers = this.timers.filter((t) => t !== timer)
  }

  /** Timers waiting to run (a test can see that something is scheduled at all). */
  get pending(): number {
    return this.timers.length
  }

  /** Moves time forward by `ms`, running what falls due on the way. */
  async advance(ms: number): Promise<void> {
    const until = this.time + ms
    await settle()
    for (;;) {
      const next = this.timers.filter((t) => t.at <= until).sort((a, b) => a.at - b.at || a.order - b.order)[0]
      if (!next) break
      this.timers = this.timers.filter((t) => t !== next)
      this.time = Math.max(this.time, next.at)
      next.run()
      await settle()
    }
    this.time = until
  }
}

/** Lets promise chains started by a timer run to their next real wait (a few event-loop turns). */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve))
}
