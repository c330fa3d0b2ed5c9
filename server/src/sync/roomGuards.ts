import type { BoardStateMessage } from '@pinnwand/shared'
import type { TLRecord } from '@tldraw/tlschema'
import type { YKeyValue } from 'y-utility/y-keyvalue'
import type * as Y from 'yjs'
import type { Actor } from '../auth/Actor.ts'
import type { Clock } from './clock.ts'

/**
 * The seam between the sync core and the features that watch the board document. A room knows
 * records, deletes and client ids; everything a feature adds to the review of client writes
 * (the comments map, the mass-delete watch, …) comes in as a `RoomGuard` made by a factory that
 * `createServer` registers. The room names no feature.
 */
export interface RoomGuardContext {
  readonly doc: Y.Doc
  readonly records: YKeyValue<TLRecord>
  /** The acting client of a transaction on this instance; null for the server's and relayed writes. */
  actorOf(origin: unknown): Actor | null
  /** Participants change nothing now (the board is locked or a voting round is open). */
  isLockedForParticipants(): boolean
  /** The room's time (windows such as the mass-delete watch's follow it; tests move it by hand). */
  readonly clock: Clock
  /** The server-owned board state as this instance knows it (features' sections included). */
  boardState(): Readonly<BoardStateMessage>
}

/** Something a guard noticed at a tick, handed to the room's listeners (e.g. board history). */
export interface RoomNotice {
  readonly kind: string
}

/** A refused change a guard put back: what, and why (logged and sent to metrics like records). */
export interface GuardRefusal {
  id: string
  reason: string
}

export interface RoomGuard {
  /** Root names of the document besides `records` that clients may write and this guard reviews. */
  readonly roots?: readonly string[]
  /** Whether `type` is one of this guard's root types (so a write there is not foreign). */
  watches?(type: unknown): boolean
  /** A client update is about to be applied: forget the refusals of the last one. */
  reset?(): void
  /** Whether the update just applied did something this guard refuses. */
  hasRefusals?(): boolean
  /** Puts refused changes back; called inside the room's compensating server transaction. */
  revert?(): GuardRefusal[]
  /**
   * A client's record change that the record rules let stand: a reason refuses it (reverted
   * like any refused record change), null lets it stand. E.g. no shared idea card from a
   * participant while the private phase runs.
   */
  reviewRecord?(
    actor: Actor,
    change: { id: string; before: TLRecord | undefined; after: TLRecord | undefined },
  ): string | null
  /** A client deleted `record` (every delete, before review). */
  noteClientDelete?(record: TLRecord | undefined, actor: Actor): void
  /** At each tick, before the flush, while the document shows what is about to be persisted. */
  atTick?(): RoomNotice | null
}

export type RoomGuardFactory = (context: RoomGuardContext) => RoomGuard
