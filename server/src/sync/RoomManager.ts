import type { TLSchema } from '@tldraw/tlschema'
import * as Y from 'yjs'
import { migrateBoardDocument } from '../domain/boardDocument.ts'
import { type BoardStateMessage, IDEA_CARD_TYPE } from '@pinnwand/shared'
import { type BoardRelay, LocalRelay, type RelayMessage } from '../relay/BoardRelay.ts'
import { compactFromStore } from '../relay/compactFromStore.ts'
import type { BoardDocumentStore, WorkshopStore } from '../store/Store.ts'
import { BoardRoom, type RoomEvent, type RoomOptions, type RoomPersistence, SERVER_ORIGIN } from './BoardRoom.ts'
import type {
  BoardDiscarding,
  BoardStatePublishing,
  PeoplePresent,
  RoomAccess,
  RoomLifecycle,
  RoomSignals,
  SharedValues,
} from './roomPorts.ts'
import { RoomResync } from './RoomResync.ts'
import { dropPending } from './updateDependencies.ts'

const ACTIVITY_WRITE_MS = 3000

export interface RoomManagerOptions extends RoomOptions {
  /** How long an empty room stays loaded (quick reconnects don't reload it). */
  idleUnloadMs: number
  /** Other instances serving the same boards (REDIS_URL); none by default. */
  relay?: BoardRelay
}

/**
 * Loads boards on demand (one load at a time per board), and unloads them once the last
 * client has left and everything is flushed and compacted.
 */
export class RoomManager
  implements RoomAccess, BoardStatePublishing, SharedValues, RoomSignals, RoomLifecycle, PeoplePresent, BoardDiscarding
{
  private readonly rooms = new Map<string, BoardRoom>()
  private readonly loading = new Map<string, Promise<BoardRoom>>()
  private readonly unloading = new Map<string, Promise<void>>()
  private readonly idleTimers = new Map<string, NodeJS.Timeout>()
  /** Boards deleted while this process runs (ids are never reused). */
  private readonly discarded = new Set<string>()
  private readonly roomListeners = new Set<(boardId: string, event: RoomEvent) => void>()
  private readonly loadListeners = new Set<(room: BoardRoom) => void>()
  private readonly store: BoardDocumentStore & Pick<WorkshopStore, 'getBoard' | 'updateBoardState'>
  private readonly stateProviders: ((boardId: string) => Promise<Partial<BoardStateMessage>>)[] = []
  private readonly schema: TLSchema
  private readonly options: RoomManagerOptions
  private readonly relay: BoardRelay
  private readonly signalListeners = new Map<string, Set<(boardId: string, urgent: boolean) => void>>()
  /** Reloads from the store and catch-ups, for what the relay may have lost. */
  private readonly resync: RoomResync
  private closingAll = false

  constructor(
    store: BoardDocumentStore & Pick<WorkshopStore, 'getBoard' | 'updateBoardState'>,
    schema: TLSchema,
    options: RoomManagerOptions,
  ) {
    this.store = store
    this.schema = schema
    this.options = options
    this.relay = options.relay ?? new LocalRelay(options.clock)
    this.resync = new RoomResync(store, (boardId) => this.initialState(boardId), options.logger)
    this.relay.onResync(() => {
      for (const room of this.rooms.values()) void this.resync.reload(room)
    })
    // What the dashboard shows as "here now": participants, not the facilitator's or the
    // projector's sockets, and one per person however many tabs.
    this.relay.reportParticipants(() => {
      const counts = new Map<string, number>()
      for (const room of this.rooms.values()) {
        const present = room.participantsPresent
        if (present > 0) counts.set(room.boardId, present)
      }
      return counts
    })
  }

  /**
   * Participants present per board on every instance (this one's, plus what the others
   * reported with their last heartbeat). When the relay cannot answer, this instance's own.
   * A person with tabs on two instances counts twice (rare; the proxy keeps a tab on one).
   */
  async participantCounts(boardIds: string[]): Promise<Map<string, number>> {
    let counts = new Map<string, number>()
    try {
      counts = await this.relay.peerParticipants(boardIds)
    } catch (error) {
      this.options.logger.warn({ err: error }, 'participant counts of other instances unavailable')
    }
    for (const boardId of boardIds) {
      const here = this.rooms.get(boardId)?.participantsPresent ?? 0
      if (here > 0) counts.set(boardId, (counts.get(boardId) ?? 0) + here)
    }
    return counts
  }

  /**
   * Tells the other instances to close one person's sockets on a board (access revoked). This
   * instance's own sockets are the caller's (the gateway closes them).
   */
  disconnectElsewhere(boardId: string, userId: string, closeCode: number, reason: string): void {
    this.relay.publish(boardId, { kind: 'disconnect', userId, closeCode, reason })
  }

  /** Shared small values (the relay's; this process's memory without REDIS_URL). */
  getSharedValue(key: string): Promise<string | null> {
    return this.relay.getValue(key)
  }

  setSharedValue(key: string, value: string | null, ttlMs: number): Promise<void> {
    return this.relay.setValue(key, value, ttlMs)
  }

  /**
   * Sets server-owned state (lock, phase) on the board's room here and on every other instance.
   */
  setBoardState(boardId: string, patch: Partial<BoardStateMessage>): void {
    this.rooms.get(boardId)?.setBoardState(patch)
    this.relay.publish(boardId, { kind: 'state', patch })
  }

  /**
   * Tells other instances that something of a board changed that they recompute from the
   * database themselves (votes: each instance reads the tally, so the last word is always the
   * database's, whatever order the messages arrive in).
   */
  signal(boardId: string, topic: string, urgent: boolean): void {
    this.relay.publish(boardId, { kind: 'signal', topic, urgent })
  }

  /** Listens for other instances' signals on a topic (only for boards loaded here). */
  onSignal(topic: string, listener: (boardId: string, urgent: boolean) => void): void {
    let listeners = this.signalListeners.get(topic)
    if (!listeners) this.signalListeners.set(topic, (listeners = new Set()))
    listeners.add(listener)
  }

  get loadedCount(): number {
    return this.rooms.size
  }

  loadedRooms(): Iterable<BoardRoom> {
    return this.rooms.values()
  }

  getLoaded(boardId: string): BoardRoom | undefined {
    return this.rooms.get(boardId)
  }

  onRoomEvent(listener: (boardId: string, event: RoomEvent) => void): void {
    this.roomListeners.add(listener)
  }

  /**
   * Features that watch a board's document while it is loaded (cluster growth) start here, once
   * per load, before any client's update reaches the room.
   */
  onRoomLoaded(listener: (room: BoardRoom) => void): void {
    this.loadListeners.add(listener)
  }

  /**
   * Features with server-owned board state (voting rounds, timers) contribute their part of the
   * state a room starts with.
   */
  addStateProvider(provider: (boardId: string) => Promise<Partial<BoardStateMessage>>): void {
    this.stateProviders.push(provider)
  }

  /** The loaded room of a board; loads it if needed. The caller must know the board exists. */
  async open(boardId: string): Promise<BoardRoom> {
    if (this.discarded.has(boardId)) throw new Error(`Board ${boardId} was deleted`)
    this.cancelIdleUnload(boardId)
    const pendingUnload = this.unloading.get(boardId)
    if (pendingUnload) await pendingUnload
    const loaded = this.rooms.get(boardId)
    if (loaded) return loaded
    let loading = this.loading.get(boardId)
    if (!loading) {
      loading = this.load(boardId).finally(() => this.loading.delete(boardId))
      this.loading.set(boardId, loading)
    }
    return loading
  }

  /** Call when a room may have become empty; unloads it after the idle delay. */
  releaseIfIdle(room: BoardRoom): void {
    if (room.connectionCount > 0 || this.idleTimers.has(room.boardId) || this.discarded.has(room.boardId)) return
    const timer = setTimeout(() => {
      this.idleTimers.delete(room.boardId)
      if (room.connectionCount === 0) void this.unload(room)
    }, this.options.idleUnloadMs)
    timer.unref()
    this.idleTimers.set(room.boardId, timer)
  }

  /**
   * The board is being deleted: waits for a load or write in flight, then forgets the room
   * without writing anything more (no final snapshot), and never loads the board again.
   */
  async discard(boardId: string): Promise<void> {
    this.discarded.add(boardId)
    this.cancelIdleUnload(boardId)
    clearTimeout(this.activityWrites.get(boardId))
    this.activityWrites.delete(boardId)
    await this.loading.get(boardId)?.catch(() => undefined)
    await this.unloading.get(boardId)
    // From here on the room's writes are refused; wait for the ones already under way.
    await Promise.all([...(this.writesInFlight.get(boardId) ?? [])])
    this.writesInFlight.delete(boardId)
    const room = this.rooms.get(boardId)
    if (!room) return
    this.rooms.delete(boardId)
    room.destroy()
    await this.relay.leave(boardId)
  }

  private readonly writesInFlight = new Map<string, Set<Promise<unknown>>>()

  /** Refuses a deleted board's writes and keeps track of those in flight (see discard). */
  private guardWrites(boardId: string, persistence: RoomPersistence): RoomPersistence {
    const track = <T>(write: () => Promise<T>): Promise<T> => {
      if (this.discarded.has(boardId)) return Promise.reject(new Error(`Board ${boardId} was deleted`))
      const pending = write()
      let set = this.writesInFlight.get(boardId)
      if (!set) this.writesInFlight.set(boardId, (set = new Set()))
      const settled = pending.catch(() => undefined)
      set.add(settled)
      void settled.then(() => set.delete(settled))
      return pending
    }
    return {
      append: (update) => track(() => persistence.append(update)),
      compact: (snapshot, upToSeq) => track(() => persistence.compact(snapshot, upToSeq)),
      claimClientIds: persistence.claimClientIds,
    }
  }

  /** Flushes, compacts and unloads every room (graceful shutdown). */
  async closeAll(): Promise<void> {
    this.closingAll = true
    for (const timer of this.idleTimers.values()) clearTimeout(timer)
    this.idleTimers.clear()
    await Promise.all([...this.loading.values()].map((p) => p.catch(() => undefined)))
    await Promise.all([...this.rooms.values()].map((room) => this.unload(room)))
  }

  private cancelIdleUnload(boardId: string): void {
    const timer = this.idleTimers.get(boardId)
    if (timer) clearTimeout(timer)
    this.idleTimers.delete(boardId)
  }

  private async load(boardId: string): Promise<BoardRoom> {
    // Subscribe first, read the store second: whatever another instance published before the
    // subscription was persisted before that, so the read sees it; the rest arrives here and
    // waits until the room exists (applying twice is harmless: Yjs updates are idempotent).
    let ready: BoardRoom | null = null
    const early: RelayMessage[] = []
    await this.relay.join(boardId, (message) => (ready ? this.onRelayed(ready, message) : early.push(message)))
    try {
      const room = await this.loadRoom(boardId)
      ready = room
      for (const message of early.splice(0)) this.onRelayed(room, message)
      // Presence sent before this instance listened is lost: the others announce theirs again.
      this.relay.publish(boardId, { kind: 'presenceQuery' })
      return room
    } catch (error) {
      await this.relay.leave(boardId)
      throw error
    }
  }

  private async loadRoom(boardId: string): Promise<BoardRoom> {
    const started = performance.now()
    const stored = await this.store.loadBoardDocument(boardId)
    const doc = new Y.Doc()
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot)
    for (const update of stored.updates) Y.applyUpdate(doc, update.data)
    // Content that can never integrate (persisted before the room refused incomplete updates)
    // would otherwise be sent to every joiner and integrated inside some later client's write.
    const junk = dropPending(doc)
    if (junk > 0)
      this.options.logger.warn({ boardId, bytes: junk }, 'dropped stored content that could never be integrated')
    const state = await this.initialState(boardId)
    const persistence: RoomPersistence = this.guardWrites(boardId, this.persistenceFor(boardId))
    // With peers, a client may bring their newest writes before the relay does (BoardRoom).
    if (!(this.relay instanceof LocalRelay)) persistence.catchUp = () => this.resync.catchUp(room)
    const room = new BoardRoom(boardId, doc, this.schema, persistence, this.options, state)
    // Before the server writes anything (the migration below): nobody may write under its id.
    await room.claimServerClientId()
    room.restoreReplaced()
    const migration = migrateBoardDocument(doc, this.schema, (records, removed) => {
      doc.transact(() => {
        for (const id of removed) room.records.delete(id)
        for (const record of records) room.records.set(record.id, record)
      }, SERVER_ORIGIN)
    })
    if (migration.newerThanServer) {
      room.destroy()
      throw new Error(`Board ${boardId} was written by a newer version of the server`)
    }
    room.onEvent((event) => {
      if (event.type === 'flushed' && event.bytes > 0) this.noteActivity(room)
      // Published only once durable (BoardRoom emits 'persisted' after the append).
      if (event.type === 'persisted') this.relay.publish(boardId, { kind: 'update', update: event.update })
      if (event.type === 'presence') this.relay.publish(boardId, { kind: 'presence', update: event.update })
      if (event.type === 'resync-needed') {
        this.options.logger.warn(
          { boardId, reason: event.reason },
          'relayed update incomplete; reloading from the store',
        )
        void this.resync.reload(room)
      }
      for (const listener of this.roomListeners) listener(boardId, event)
    })
    this.rooms.set(boardId, room)
    for (const listener of this.loadListeners) listener(room)
    if (migration.migrated) await room.flushSoon()
    this.options.logger.info(
      { boardId, updates: stored.updates.length, ms: Math.round(performance.now() - started) },
      'board loaded',
    )
    return room
  }

  private unload(room: BoardRoom): Promise<void> {
    const existing = this.unloading.get(room.boardId)
    if (existing) return existing
    const done = (async () => {
      try {
        await room.flushAndCompact()
      } catch (error) {
        this.options.logger.error({ err: error, boardId: room.boardId }, 'flush before unload failed')
      }
      // A client may have joined while we flushed: keep the room then.
      if (room.connectionCount > 0) return
      // The store is unreachable: the queued updates exist nowhere else on the server (their
      // authors may be gone). Keep the room, and its retries, until they are durable.
      if (room.hasUnpersistedUpdates && !this.closingAll) {
        this.options.logger.warn({ boardId: room.boardId }, 'unload postponed: updates not yet persisted')
        this.releaseIfIdle(room)
        return
      }
      this.rooms.delete(room.boardId)
      room.destroy()
      await this.relay.leave(room.boardId)
      this.options.logger.info({ boardId: room.boardId }, 'board unloaded')
    })().finally(() => this.unloading.delete(room.boardId))
    this.unloading.set(room.boardId, done)
    return done
  }

  private readonly activityWrites = new Map<string, NodeJS.Timeout>()

  /**
   * Keeps the dashboard's idea count and last activity current without a write per tick:
   * at most one small update per board every few seconds.
   */
  private noteActivity(room: BoardRoom): void {
    if (this.activityWrites.has(room.boardId)) return
    const timer = setTimeout(() => {
      this.activityWrites.delete(room.boardId)
      let ideas = 0
      for (const { val } of room.records.map.values())
        if (val.typeName === 'shape' && val.type === IDEA_CARD_TYPE) ideas++
      this.store
        .updateBoardState(room.boardId, { ideaCount: ideas, lastActivityAt: Date.now() })
        .catch((error: unknown) =>
          this.options.logger.warn({ err: error, boardId: room.boardId }, 'activity update failed'),
        )
    }, ACTIVITY_WRITE_MS)
    timer.unref()
    this.activityWrites.set(room.boardId, timer)
  }

  private persistenceFor(boardId: string): RoomPersistence {
    const shared = this.relay.kind !== 'local'
    return {
      append: (update: Uint8Array) => this.store.appendUpdate(boardId, update),
      claimClientIds: (claims) => this.store.claimClientIds(boardId, claims),
      // With other instances appending to the same log, only the store knows what is in it.
      compact: (snapshot: Uint8Array, upToSeq: number) =>
        shared ? compactFromStore(this.store, boardId) : this.store.compact(boardId, snapshot, upToSeq),
    }
  }

  private async initialState(boardId: string): Promise<BoardStateMessage> {
    const board = await this.store.getBoard(boardId)
    let state: BoardStateMessage = { locked: board?.locked ?? false, phase: board?.phase ?? 'collect' }
    for (const provider of this.stateProviders) state = { ...state, ...(await provider(boardId)) }
    return state
  }

  private onRelayed(room: BoardRoom, message: RelayMessage): void {
    switch (message.kind) {
      case 'update':
        try {
          room.applyRemote(message.update)
        } catch (error) {
          // Never expected (the sender persisted it); the next resync repairs whatever it was.
          this.options.logger.error({ err: error, boardId: room.boardId }, 'relayed update could not be applied')
        }
        return
      case 'presence':
        try {
          room.applyRemotePresence(message.update)
        } catch (error) {
          this.options.logger.warn({ err: error, boardId: room.boardId }, 'relayed presence could not be applied')
        }
        return
      case 'state':
        room.setBoardState(message.patch)
        return
      case 'signal':
        for (const listener of this.signalListeners.get(message.topic) ?? []) listener(room.boardId, message.urgent)
        return
      case 'resync':
        void this.resync.reload(room)
        return
      case 'presenceQuery':
        room.republishPresence()
        return
      case 'disconnect':
        room.closeConnectionsOf(message.userId, message.closeCode, message.reason)
        return
    }
  }
}
