import type { CastVoteResponse } from '@pinnwand/shared/votingApi'
import { ApiError } from '../api/apiClient.ts'
import type { PendingTap } from './ballot.ts'
import { isRetryable, RetryableError } from './votingHttp.ts'

export interface VoteQueueEvents {
  /** The server accepted the tap: its answer is the voter's true state now. */
  accepted(tap: PendingTap, answer: CastVoteResponse): void
  /** The server refused the tap (budget, cap, round closed …): it changed nothing. */
  refused(tap: PendingTap, error: ApiError): void
  /** Sending failed for now (offline, server busy); it is tried again with the same request id. */
  waiting(tap: PendingTap, error: unknown): void
}

export interface VoteQueueOptions {
  send(tap: PendingTap): Promise<CastVoteResponse>
  events: VoteQueueEvents
  /** Waits before a retry; injectable so tests run without real time. */
  sleep?: (ms: number) => Promise<void>
  maxBackoffMs?: number
}

/**
 * Sends one voter's taps to the server one at a time, in order. Each answer is the ballot after
 * that tap, so answers arrive in order and the last one is the truth. A tap that cannot be sent
 * (network gone, 429/503) is retried with its own request id until the server answers, so a tap
 * is never counted twice and never lost; taps behind it wait their turn.
 */
export class VoteQueue {
  private readonly queue: PendingTap[] = []
  private running = false
  private stopped = false
  private readonly options: VoteQueueOptions

  constructor(options: VoteQueueOptions) {
    this.options = options
  }

  get size(): number {
    return this.queue.length
  }

  push(tap: PendingTap): void {
    this.queue.push(tap)
    void this.run()
  }

  /** Stops sending (the round or voter changed); taps not yet answered are dropped. */
  stop(): PendingTap[] {
    this.stopped = true
    return this.queue.splice(0)
  }

  private async run(): Promise<void> {
    if (this.running) return
    this.running = true
    const sleep = this.options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)))
    try {
      let failures = 0
      while (!this.stopped && this.queue.length > 0) {
        const tap = this.queue[0]!
        try {
          const answer = await this.options.send(tap)
          if (this.stopped) return
          this.queue.shift()
          failures = 0
          this.options.events.accepted(tap, answer)
        } catch (error) {
          if (this.stopped) return
          if (!isRetryable(error) && error instanceof ApiError) {
            this.queue.shift()
            failures = 0
            this.options.events.refused(tap, error)
            continue
          }
          failures++
          this.options.events.waiting(tap, error)
          const base = error instanceof RetryableError ? error.retryAfterMs : 500 * 2 ** Math.min(failures - 1, 5)
          // Jitter: a hall of devices coming back from a Wi-Fi drop does not resend in lockstep.
          await sleep(Math.min(this.options.maxBackoffMs ?? 10_000, base) * (0.75 + Math.random() * 0.5))
        }
      }
    } finally {
      this.running = false
    }
  }
}
