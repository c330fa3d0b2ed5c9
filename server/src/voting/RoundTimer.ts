import type { Logger } from 'pino'
import type { RoundRow, VotingStore } from './VotingStore.ts'

export interface RoundTimerOptions {
  /**
   * How often to look for overdue rounds besides the exact timers: catches rounds opened by
   * another server instance (shared PostgreSQL) whose own instance went away.
   */
  sweepMs?: number
  logger: Logger
}

/**
 * Closes timed rounds on the server at their `closesAt`, with no browser needed. Votes are
 * refused from `closesAt` on regardless (votingRules.isAcceptingVotes); this writes the closed
 * state down so lists, results and the next round see it. On start, open rounds are
 * rescheduled, and rounds that ran out while the server was down are closed at once (with
 * `closedAt = closesAt`, the time they really ended).
 */
export class RoundTimer {
  private readonly store: VotingStore
  private readonly options: RoundTimerOptions
  private readonly timers = new Map<string, NodeJS.Timeout>()
  private readonly listeners = new Set<(roundIds: string[]) => void>()
  private sweepTimer: NodeJS.Timeout | null = null
  private readonly inFlight = new Set<Promise<void>>()
  private stopped = false

  constructor(store: VotingStore, options: RoundTimerOptions) {
    this.store = store
    this.options = options
  }

  /** Listeners hear the ids of rounds this timer closed (to tell connected clients). */
  onClosed(listener: (roundIds: string[]) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  async start(): Promise<void> {
    await this.closeDue()
    for (const round of await this.store.listTimedOpenRounds()) this.schedule(round)
    const sweepMs = this.options.sweepMs ?? 30_000
    this.sweepTimer = setInterval(() => this.track(this.closeDue()), sweepMs)
    this.sweepTimer.unref()
  }

  /** Arms the timer of an open round (no-op without `closesAt`). */
  schedule(round: Pick<RoundRow, 'id' | 'closesAt'>): void {
    if (this.stopped || round.closesAt === null) return
    this.cancel(round.id)
    // setTimeout may fire a millisecond early; closeDue only closes what is really due, so
    // re-check after a short extra wait rather than risk leaving the round open.
    const delay = Math.max(0, round.closesAt - Date.now()) + 5
    const timer = setTimeout(() => {
      this.timers.delete(round.id)
      this.track(this.closeDue().then(() => this.rescheduleFromStore(round.id)))
    }, delay)
    timer.unref()
    this.timers.set(round.id, timer)
  }

  /**
   * After a pause, resume or extension: arms the timer at the new deadline, or disarms it while
   * paused (a paused round has no `closesAt` and cannot run out).
   */
  apply(round: Pick<RoundRow, 'id' | 'closesAt'>): void {
    if (round.closesAt === null) this.cancel(round.id)
    else this.schedule(round)
  }

  cancel(roundId: string): void {
    const timer = this.timers.get(roundId)
    if (timer) clearTimeout(timer)
    this.timers.delete(roundId)
  }

  /** Stops all timers and waits for a close in progress (call before closing the store). */
  async stop(): Promise<void> {
    this.stopped = true
    for (const timer of this.timers.values()) clearTimeout(timer)
    this.timers.clear()
    if (this.sweepTimer) clearInterval(this.sweepTimer)
    this.sweepTimer = null
    await Promise.all([...this.inFlight])
  }

  private track(work: Promise<void>): void {
    this.inFlight.add(work)
    void work.finally(() => this.inFlight.delete(work))
  }

  /**
   * The deadline may have moved since this timer was armed (extended or paused, possibly on
   * another instance): follow what the database says now.
   */
  private async rescheduleFromStore(roundId: string): Promise<void> {
    if (this.stopped) return
    try {
      const round = await this.store.getRound(roundId)
      if (round?.status === 'open' && round.closesAt !== null) this.schedule(round)
    } catch (error) {
      this.options.logger.error({ err: error, roundId }, 'rescheduling a voting round failed')
    }
  }

  private async closeDue(): Promise<void> {
    if (this.stopped) return
    try {
      const closed = await this.store.closeOverdueRounds(Date.now())
      if (closed.length === 0) return
      for (const id of closed) this.cancel(id)
      this.options.logger.info({ roundIds: closed }, 'voting rounds closed by timer')
      for (const listener of this.listeners) listener(closed)
    } catch (error) {
      // The next sweep retries; votes are refused after closesAt in any case.
      this.options.logger.error({ err: error }, 'closing overdue voting rounds failed')
    }
  }
}
