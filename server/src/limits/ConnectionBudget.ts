/** Sustained rate and burst of one token bucket (`perSecond` 0 = unlimited). */
export interface BucketRate {
  perSecond: number
  burst: number
}

/** What one WebSocket connection may send (docs/operations.md, "Limits"). */
export interface ConnectionBudgetLimits {
  /** Document messages (sync step 1, step 2, updates). */
  updates: BucketRate
  /** Presence messages (awareness, awareness queries). */
  awareness: BucketRate
  /** Bytes of every message together. */
  bytes: BucketRate
}

/**
 * Defaults an honest client never reaches: a drag is one update per frame (60–144 per second on
 * fast screens), a paste of 500 ideas is one update, the web app publishes presence at most 10
 * times a second, and a reconnect's sync step 2 may be a few MB (a message is at most 8 MiB).
 */
export const DEFAULT_CONNECTION_BUDGET: ConnectionBudgetLimits = {
  updates: { perSecond: 150, burst: 200 },
  awareness: { perSecond: 30, burst: 60 },
  bytes: { perSecond: 4 * 1024 * 1024, burst: 16 * 1024 * 1024 },
}

export type MessageLane = 'update' | 'awareness'

/**
 * The token buckets that keep one sender from stalling the event loop for everyone (10,000
 * small updates in a burst took seconds of handling). Pure: the clock is injected.
 * A message is admitted while its lane's bucket holds a token and the byte bucket is not in
 * debt; its bytes are then taken even beyond what is left, so one message larger than the byte
 * burst (a big sync step 2) still passes and only the following ones wait.
 */
export class ConnectionBudget {
  private readonly lanes: Record<MessageLane, Bucket>
  private readonly bytes: Bucket
  private readonly now: () => number

  constructor(limits: ConnectionBudgetLimits, now: () => number = () => performance.now()) {
    this.now = now
    const start = now()
    this.lanes = { update: new Bucket(limits.updates, start), awareness: new Bucket(limits.awareness, start) }
    this.bytes = new Bucket(limits.bytes, start)
  }

  /** Takes one message of `lane` with `byteLength` bytes; false when over budget (nothing taken). */
  admit(lane: MessageLane, byteLength: number): boolean {
    const at = this.now()
    const messages = this.lanes[lane].refill(at)
    const bytes = this.bytes.refill(at)
    if (messages.tokens < 1 || bytes.tokens <= 0) return false
    messages.tokens -= 1
    bytes.tokens -= byteLength
    return true
  }

  /** True once every bucket has refilled: forgetting this budget then changes nothing. */
  isFull(): boolean {
    const at = this.now()
    return [this.lanes.update, this.lanes.awareness, this.bytes].every((bucket) => bucket.refill(at).isFull)
  }
}

class Bucket {
  /** Infinite for an unlimited bucket; below zero while paying off a message larger than the rest. */
  tokens: number
  private at: number
  private readonly rate: BucketRate

  constructor(rate: BucketRate, now: number) {
    this.rate = rate
    this.tokens = rate.perSecond > 0 ? rate.burst : Infinity
    this.at = now
  }

  get isFull(): boolean {
    return this.tokens >= this.rate.burst
  }

  refill(now: number): this {
    const elapsed = Math.max(0, now - this.at) / 1000
    this.tokens = Math.min(
      this.tokens + elapsed * this.rate.perSecond,
      this.rate.perSecond > 0 ? this.rate.burst : Infinity,
    )
    this.at = now
    return this
  }
}
