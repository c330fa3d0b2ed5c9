import { CloseCode } from '@pinnwand/shared'
import type { Logger } from 'pino'
import type { ClientIdBindings } from './ClientIdBindings.ts'
import type { ClientMessage } from './messages.ts'

/** Why the room wants a connection closed. */
export interface CloseVerdict {
  closeCode: number
  reason: string
}

/** What admission needs of its room (BoardRoom): no sockets, only these. */
export interface AdmissionRoom<C extends { readonly actor: { readonly userId: string } }> {
  readonly boardId: string
  readonly logger: Logger
  /** Still in the room and the room not destroyed: what was waiting may go on. */
  isConnected(connection: C): boolean
  /** Handles one queued message as if it had just arrived (BoardRoom.receive). */
  receive(connection: C, message: ClientMessage): CloseVerdict | null
  /** Applies an update again after catching up, with no second catch-up. */
  receiveAfterCatchUp(connection: C, update: Uint8Array, live: boolean): CloseVerdict | null
  /** Logs the verdict and closes the connection. */
  close(connection: C, verdict: CloseVerdict): void
}

/**
 * The waiting part of admitting a client's update to a room (split from BoardRoom.ts): a
 * connection whose update writes under a client id not bound yet waits while the store binds it,
 * and one whose update is refused in a way a lagging room can cause (4422, 4423, 4424) waits
 * while the room catches up from the store. Meanwhile everything else the connection sends is
 * queued and replayed in order afterwards (a sync step 1 after an update must be answered with
 * that update applied).
 */
export class ConnectionAdmission<C extends { readonly actor: { readonly userId: string } }> {
  /** Messages of connections waiting for a claim or a catch-up, in arrival order. */
  private readonly waiting = new Map<C, ClientMessage[]>()
  private readonly room: AdmissionRoom<C>
  private readonly bindings: ClientIdBindings
  /** The room's persistence; its `catchUp` exists with peers only (read when needed). */
  private readonly store: { catchUp?: () => Promise<void> }

  constructor(room: AdmissionRoom<C>, bindings: ClientIdBindings, store: { catchUp?: () => Promise<void> }) {
    this.room = room
    this.bindings = bindings
    this.store = store
  }

  /** Queues the message behind the connection's claim or catch-up; false when it waits for none. */
  queueIfWaiting(connection: C, message: ClientMessage): boolean {
    const queue = this.waiting.get(connection)
    if (!queue) return false
    queue.push(message)
    return true
  }

  /** The connection left: what it queued is dropped, a claim or catch-up under way ends unheard. */
  forget(connection: C): void {
    this.waiting.delete(connection)
  }

  /** Whether catching up from the store could turn this refusal around (several instances only). */
  mayCure(verdict: CloseVerdict): boolean {
    return this.store.catchUp !== undefined && CATCH_UP_CODES.has(verdict.closeCode)
  }

  /**
   * Binds the client ids a connection writes under for the first time (in the store, shared by
   * all instances), then applies that update and whatever the connection sent meanwhile, in order.
   */
  claimThenReceive(
    connection: C,
    first: ClientMessage & { kind: 'sync-update' },
    clientIds: number[],
    mayCatchUp: boolean,
  ): void {
    const queue: ClientMessage[] = [first]
    this.waiting.set(connection, queue)
    this.bindings.claim(clientIds, connection.actor.userId).then(
      (foreign) => {
        if (this.waiting.get(connection) !== queue) return // the connection left meanwhile
        this.waiting.delete(connection)
        if (!this.room.isConnected(connection)) return
        if (foreign !== null) {
          const verdict = foreignClientVerdict(foreign)
          if (!mayCatchUp || !this.store.catchUp) return this.room.close(connection, verdict)
          // Perhaps another instance's server wrote under that id (see catchUpThenReceive).
          return this.catchUpThenReceive(connection, first.update, first.live === true, verdict, queue.slice(1))
        }
        // A later update may need a claim of its own: the rest waits behind that one.
        this.replay(connection, queue)
      },
      (error: unknown) => {
        this.waiting.delete(connection)
        this.room.logger.error({ err: error, boardId: this.room.boardId }, 'binding a client id failed')
        // Nothing was applied; the client reconnects and sends it again.
        this.room.close(connection, { closeCode: CloseCode.serverShutdown, reason: 'storage unavailable, reconnect' })
      },
    )
  }

  /**
   * An update refused as written by someone else, outside the records or building on missing
   * content may be honest: a client that reconnected here from another instance (a load
   * balancer's choice) syncs what that instance sent it, its server's map entries included, and
   * the relay may not have brought them here yet. All of it is durable (published only after
   * the append), so the room catches up from the store and looks once more; a forged update is
   * refused then. Later messages of the connection wait, in order. Only after `mayCure`.
   */
  catchUpThenReceive(
    connection: C,
    update: Uint8Array,
    live: boolean,
    refusal: CloseVerdict,
    queue: ClientMessage[] = [],
  ): void {
    this.waiting.set(connection, queue)
    const resume = () => {
      if (this.waiting.get(connection) !== queue) return false // the connection left meanwhile
      this.waiting.delete(connection)
      return this.room.isConnected(connection)
    }
    this.store.catchUp!().then(
      () => {
        if (!resume()) return
        const verdict = this.room.receiveAfterCatchUp(connection, update, live)
        if (verdict) return this.room.close(connection, verdict)
        this.replay(connection, queue)
      },
      (error: unknown) => {
        if (!resume()) return
        this.room.logger.warn({ err: error, boardId: this.room.boardId }, 'catching up from the store failed')
        this.room.close(connection, refusal)
      },
    )
  }

  /** Applies queued messages in order; the rest waits again behind a new claim or catch-up. */
  private replay(connection: C, queue: ClientMessage[]): void {
    for (let i = 0; i < queue.length; i++) {
      const next = this.waiting.get(connection)
      if (next) return void next.push(...queue.slice(i))
      const verdict = this.room.receive(connection, queue[i]!)
      if (verdict) return this.room.close(connection, verdict)
    }
  }
}

/** Refusals that a room lagging behind another instance can cause (see catchUpThenReceive). */
const CATCH_UP_CODES = new Set<number>([
  CloseCode.forbiddenWrite,
  CloseCode.foreignClientId,
  CloseCode.incompleteUpdate,
])

/** The refusal of an update written under a client id bound to someone else. */
export function foreignClientVerdict(clientId: number): CloseVerdict {
  return { closeCode: CloseCode.foreignClientId, reason: `client id ${clientId} belongs to someone else` }
}
