import type { BoardStateMessage } from '@pinnwand/shared'
import { type Clock, systemClock } from '../sync/clock.ts'

/**
 * What one server instance tells the others about a board. Every `update` is already durable
 * in the shared database when it is published (persist before publish), so a receiver may show
 * it to its clients at once and must neither persist nor publish it again.
 */
export type RelayMessage =
  /** A merged tick update, persisted by the sender. */
  | { kind: 'update'; update: Uint8Array }
  /** The sender's throttled awareness batch (only its own clients' entries). */
  | { kind: 'presence'; update: Uint8Array }
  /** Server-owned board state that is carried by value (lock, phase). */
  | { kind: 'state'; patch: Partial<BoardStateMessage> }
  /** Something a receiver recomputes from the database itself (e.g. topic "round"). */
  | { kind: 'signal'; topic: string; urgent: boolean }
  /** The sender may have missed or dropped messages: reload the board from the store. */
  | { kind: 'resync' }
  /**
   * The sender has just loaded the board: announce your clients' presence again. Awareness is
   * only sent on change (renewed every 15 s), so people on other instances would stay unseen.
   */
  | { kind: 'presenceQuery' }
  /** Close one person's sockets on this board (their access was revoked through the sender). */
  | { kind: 'disconnect'; userId: string; closeCode: number; reason: string }

/**
 * The port for scale-out: a pub/sub channel per board between server instances that share one
 * database. `LocalRelay` (one instance) does nothing; `RedisRelay` uses Redis pub/sub.
 */
export interface BoardRelay {
  readonly kind: 'local' | 'redis'
  /** Connected and subscribed (exported as a metric). */
  readonly up: boolean
  /**
   * Starts receiving a board's messages. Resolves only once the subscription is confirmed, so a
   * store read started afterwards misses nothing: what was published before is already durable.
   */
  join(boardId: string, onMessage: (message: RelayMessage) => void): Promise<void>
  leave(boardId: string): Promise<void>
  /** Fire and forget; a lost message is repaired by the resync after a reconnect. */
  publish(boardId: string, message: RelayMessage): void
  /**
   * Called after the connection to the broker came back: messages may have been lost both
   * ways, so every loaded board must reload from the store (and peers are told to do the same).
   */
  onResync(listener: () => void): () => void
  /**
   * Small values every instance must agree on and that need not outlive the deployment (the
   * facilitator's shared views): Redis keys with REDIS_URL, this process's memory otherwise.
   * `null` deletes. Rejects when the broker cannot be reached.
   */
  getValue(key: string): Promise<string | null>
  setValue(key: string, value: string | null, ttlMs: number): Promise<void>
  /** Where this instance's participants present per board come from (shared with the other instances). */
  reportParticipants(source: () => Map<string, number>): void
  /** Participants present per board on the other live instances (the dashboard's "here now"). */
  peerParticipants(boardIds: string[]): Promise<Map<string, number>>
  close(): Promise<void>
}

/** A single instance: nobody to tell. */
export class LocalRelay implements BoardRelay {
  readonly kind = 'local' as const
  readonly up = true
  private readonly clock: Clock
  /** `clock`: shared values expire by it (tests move it instead of waiting for a TTL). */
  constructor(clock: Clock = systemClock) {
    this.clock = clock
  }
  async join(): Promise<void> {}
  async leave(): Promise<void> {}
  publish(): void {}
  onResync(): () => void {
    return () => undefined
  }
  private readonly values = new Map<string, { value: string; expiresAt: number }>()
  async getValue(key: string): Promise<string | null> {
    const entry = this.values.get(key)
    const now = this.clock.now()
    if (entry && entry.expiresAt <= now) this.values.delete(key)
    return entry && entry.expiresAt > now ? entry.value : null
  }
  async setValue(key: string, value: string | null, ttlMs: number): Promise<void> {
    const now = this.clock.now()
    if (value === null) this.values.delete(key)
    else this.values.set(key, { value, expiresAt: now + ttlMs })
    // Expired keys go when they are next read, or here, so the map stays small over a long day.
    if (this.values.size > 1000) for (const [k, e] of this.values) if (e.expiresAt <= now) this.values.delete(k)
  }
  reportParticipants(): void {}
  async peerParticipants(): Promise<Map<string, number>> {
    return new Map()
  }
  async close(): Promise<void> {}
}
