import type { BoardStateMessage } from '@pinnwand/shared'
import type { Logger } from 'pino'
import * as Y from 'yjs'
import type { BoardDocumentStore } from '../store/Store.ts'
import type { BoardRoom } from './BoardRoom.ts'

/** The least time between two catch-ups of one board (see RoomResync.catchUp). */
const CATCH_UP_PAUSE_MS = 1000

/**
 * Brings loaded rooms in step with the store, the repair for what pub/sub may lose between
 * instances (split from RoomManager.ts): a reload after a relay resync or an incomplete relayed
 * update, and the paced catch-up a room asks for before refusing a client update that looked
 * foreign (sync/ConnectionAdmission.ts).
 */
export class RoomResync {
  private readonly reloads = new Map<string, Promise<void>>()
  /** Catch-ups for tabs that came from another instance: one at a time, then a pause (below). */
  private readonly catchUps = new WeakMap<
    BoardRoom,
    { tail: Promise<void>; next: Promise<void> | null; lastAt: number }
  >()
  private readonly store: Pick<BoardDocumentStore, 'loadBoardDocument'>
  private readonly boardState: (boardId: string) => Promise<BoardStateMessage>
  private readonly logger: Logger

  constructor(
    store: Pick<BoardDocumentStore, 'loadBoardDocument'>,
    boardState: (boardId: string) => Promise<BoardStateMessage>,
    logger: Logger,
  ) {
    this.store = store
    this.boardState = boardState
    this.logger = logger
  }

  /**
   * A reload for a client update that looked foreign (ConnectionAdmission.catchUpThenReceive).
   * Its read of the store starts after the request (the tab's content was durable before it
   * reached the tab), and reads follow each other at least CATCH_UP_PAUSE_MS apart per board:
   * each hostile update could otherwise make the server read the whole board. Requests that
   * arrive before the next read starts share it.
   */
  catchUp(room: BoardRoom): Promise<void> {
    let state = this.catchUps.get(room)
    if (!state) this.catchUps.set(room, (state = { tail: Promise.resolve(), next: null, lastAt: -Infinity }))
    if (state.next) return state.next
    const entry = state
    const next: Promise<void> = entry.tail
      .then(
        () => new Promise((resolve) => setTimeout(resolve, Math.max(0, entry.lastAt + CATCH_UP_PAUSE_MS - Date.now()))),
      )
      .then(async () => {
        if (entry.next === next) entry.next = null
        // A reload already under way may have read before this request: wait for it, read anew.
        await this.reloads.get(room.boardId)
        await this.reload(room)
      })
      .finally(() => {
        entry.lastAt = Date.now()
      })
    entry.next = next
    entry.tail = next.catch(() => undefined)
    return next
  }

  /**
   * Catches a room up with everything durable (after relay messages may have been lost): the
   * store holds every update any instance ever published, and the board state. Also announces
   * our clients' presence again, for peers that missed it.
   */
  reload(room: BoardRoom): Promise<void> {
    const running = this.reloads.get(room.boardId)
    if (running) return running
    const done = (async () => {
      try {
        const stored = await this.store.loadBoardDocument(room.boardId)
        const parts = [...(stored.snapshot ? [stored.snapshot] : []), ...stored.updates.map((u) => u.data)]
        if (parts.length > 0) room.applyDurable(Y.mergeUpdates(parts))
        room.setBoardState(await this.boardState(room.boardId))
        room.republishPresence()
      } catch (error) {
        this.logger.error({ err: error, boardId: room.boardId }, 'resync from the store failed')
      }
    })().finally(() => this.reloads.delete(room.boardId))
    this.reloads.set(room.boardId, done)
    return done
  }
}
