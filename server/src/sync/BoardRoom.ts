import { BoardDoc, type BoardStateMessage, CloseCode, getMetaMap, getRecordsArray, openRecords } from '@pinnwand/shared'
import type { TLRecord, TLSchema } from '@tldraw/tlschema'
import type { Logger } from 'pino'
import type { YKeyValue } from 'y-utility/y-keyvalue'
import * as Y from 'yjs'
import type { Actor } from '../auth/Actor.ts'
import { CommentGuard } from '../comments/CommentGuard.ts'
import { isIdeaCard } from '../domain/ideas.ts'
import { type MassDelete, MassDeleteWatch } from '../history/MassDeleteWatch.ts'
import { inspectClientUpdate } from './inspectClientUpdate.ts'
import { ConcurrentDeleteGuard } from './ConcurrentDeleteGuard.ts'
import { type ClientMessage, encodeBoardState, encodeSyncStep1, encodeSyncStep2, encodeSyncUpdate } from './messages.ts'
import { PresenceRelay } from './PresenceRelay.ts'
import { type RecordChange, reviewRecordChange } from './recordPolicy.ts'

/** One client connection as the room sees it: no sockets here, only what the room needs. */
export interface RoomConnection {
  readonly id: string
  readonly actor: Actor
  /** Asked for the server-owned board state channel (`?state=1`). */
  readonly wantsState?: boolean
  send(message: Uint8Array): void
  close(code: number, reason: string): void
}

/** Where the room keeps its document durably (the board's update log). */
export interface RoomPersistence {
  append(update: Uint8Array): Promise<number>
  compact(snapshot: Uint8Array, upToSeq: number): Promise<void>
}

export interface RoomOptions {
  /** Batching window for document updates. */
  tickMs: number
  /** Fan-out interval for merged awareness (presence) updates. */
  awarenessMs: number
  /** Compact the log into a snapshot after this many appended updates. */
  compactEvery: number
  /** Largest encoded document; client updates that would grow it beyond are refused. */
  maxDocumentBytes?: number
  logger: Logger
}

/** Transaction origin of the server's own writes (API changes, compensations, migrations). */
export const SERVER_ORIGIN = Symbol('server')

/**
 * Origin of content that is already durable elsewhere (another instance's persisted update, or
 * the store itself on a resync): broadcast to local clients, never persisted or published again.
 */
export const RELAY_ORIGIN = Symbol('relay')

export type RoomEvent =
  | { type: 'flushed'; bytes: number; durationMs: number; updates: number; persistLagMs: number | null }
  /** A merged update is durable: other instances may now see it (scale-out relay). */
  | { type: 'persisted'; update: Uint8Array }
  /** This instance's clients' merged awareness batch (scale-out relay). */
  | { type: 'presence'; update: Uint8Array }
  | { type: 'refused'; connectionId: string; recordId: string; reason: string }
  /** Clients deleted many idea cards within one tick (board history keeps the board from before). */
  | ({ type: 'mass-delete' } & MassDelete)

/** YKeyValue's change event payload. */
type RecordChanges = Map<string, { action: 'add' | 'update' | 'delete'; oldValue?: TLRecord; newValue?: TLRecord }>

interface PendingSync {
  connection: RoomConnection
  stateVector: Uint8Array
}

/**
 * A loaded board: its document, connections and presence. Incoming updates are checked and
 * applied at once, but leave the room only in batches: every tick the accumulated changes are
 * merged, appended to the log, and only then broadcast — so nothing a client has received can
 * be lost by a crash. Sync answers to joining clients follow the same rule.
 */
export class BoardRoom {
  readonly boardId: string
  readonly doc: Y.Doc
  private readonly presence: PresenceRelay<RoomConnection>
  readonly records: YKeyValue<TLRecord>
  private readonly schema: TLSchema
  private readonly persistence: RoomPersistence
  private readonly options: RoomOptions
  private readonly connections = new Set<RoomConnection>()
  private readonly listeners = new Set<(event: RoomEvent) => void>()

  private pendingUpdates: Uint8Array[] = []
  /** Updates that are durable already (RELAY_ORIGIN): broadcast at the tick, not persisted. */
  private pendingRemote: Uint8Array[] = []
  private appending = false
  /** Upper estimate of the encoded document size (exact only when near the limit). */
  private approxDocBytes: number | null = null
  /** When the oldest not yet persisted update arrived (persistence lag metric). */
  private oldestPendingAt: number | null = null
  /** Set when a compensation happened: the tick must send the net diff, not the raw updates. */
  private needsNetDiff = false
  private stateVectorAtLastFlush: Uint8Array
  private pendingSyncs: PendingSync[] = []
  private flushWaiters: { resolve: () => void; reject: (e: Error) => void }[] = []
  private tickTimer: NodeJS.Timeout | null = null
  /** When the last tick started (performance.now()), for the leading-edge window. */
  private lastTickAt = -Infinity
  private flushChain: Promise<void> = Promise.resolve()
  private updatesSinceCompaction = 0
  private lastSeq = 0

  private refusals: { entry: RecordChange; reason: string }[] = []
  private readonly massDeletes = new MassDeleteWatch()
  private readonly deleteGuard = new ConcurrentDeleteGuard()
  /** Reviews client writes to the `comments` map (comments are not records; docs/board-document.md). */
  private readonly comments: CommentGuard
  private foreignWrite = false
  private destroyed = false
  private state: BoardStateMessage

  constructor(
    boardId: string,
    doc: Y.Doc,
    schema: TLSchema,
    persistence: RoomPersistence,
    options: RoomOptions,
    initialState: BoardStateMessage = { locked: false, phase: 'collect' },
  ) {
    this.boardId = boardId
    this.state = initialState
    this.doc = doc
    this.schema = schema
    this.persistence = persistence
    this.options = options
    this.stateVectorAtLastFlush = Y.encodeStateVector(doc)
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === RELAY_ORIGIN) this.pendingRemote.push(update)
      else {
        this.oldestPendingAt ??= performance.now()
        this.pendingUpdates.push(update)
      }
      this.scheduleTick()
    })
    doc.on('afterTransaction', (transaction) => this.detectForeignWrites(transaction))
    this.records = openRecords(doc)
    this.records.on('change', (changes: RecordChanges, transaction: Y.Transaction) =>
      this.reviewChanges(changes, transaction),
    )
    this.comments = new CommentGuard(
      doc,
      (origin) => (this.connections.has(origin as RoomConnection) ? (origin as RoomConnection).actor : null),
      () => ({
        locked: this.isLockedForParticipants,
        ideaExists: (id) => {
          const record = this.records.get(id)
          return record !== undefined && isIdeaCard(record)
        },
      }),
    )
    this.presence = new PresenceRelay<RoomConnection>(doc, options.awarenessMs, {
      recipients: () => this.connections,
      publish: (update) => this.emit({ type: 'presence', update }),
    })
  }

  get connectionCount(): number {
    return this.connections.size
  }

  /** People here as participants: one per person however many tabs; no facilitator, no projector. */
  get participantsPresent(): number {
    const people = new Set<string>()
    for (const connection of this.connections)
      if (connection.actor.role === 'participant') people.add(connection.actor.userId)
    return people.size
  }

  /** Updates that are not durable yet: queued, or in an append that has not returned. */
  get hasUnpersistedUpdates(): boolean {
    return this.pendingUpdates.length > 0 || this.appending
  }

  get hasPendingWork(): boolean {
    return this.pendingUpdates.length > 0 || this.pendingSyncs.length > 0 || this.pendingRemote.length > 0
  }

  onEvent(listener: (event: RoomEvent) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  get boardState(): Readonly<BoardStateMessage> {
    return this.state
  }

  /** Participants change nothing while the board is locked or a voting round is open. */
  get isLockedForParticipants(): boolean {
    const round = this.state.round as { status?: string } | null | undefined
    return this.state.locked || round?.status === 'open'
  }

  /** Merges server-owned state (lock, phase, round progress) and sends it to subscribers. */
  setBoardState(patch: Partial<BoardStateMessage>): void {
    this.state = { ...this.state, ...patch }
    const message = encodeBoardState(this.state)
    for (const connection of this.connections) if (connection.wantsState) connection.send(message)
  }

  /** Applies an update that is durable already (from another instance or the store). */
  applyRemote(update: Uint8Array): void {
    if (this.destroyed) return
    Y.applyUpdate(this.doc, update, RELAY_ORIGIN)
  }

  /** Applies another instance's awareness batch; it reaches local clients with the next fan-out. */
  applyRemotePresence(update: Uint8Array): void {
    if (!this.destroyed) this.presence.applyRemote(update)
  }

  /** Re-announces the presence of this instance's clients (after a relay reconnect). */
  republishPresence(): void {
    if (!this.destroyed) this.presence.republishLocal()
  }

  /** Starts the y-websocket handshake: our state vector now, full presence now. */
  addConnection(connection: RoomConnection): void {
    this.connections.add(connection)
    if (connection.wantsState) connection.send(encodeBoardState(this.state))
    connection.send(encodeSyncStep1(Y.encodeStateVector(this.doc)))
    const presence = this.presence.fullState()
    if (presence) connection.send(presence)
  }

  /** Closes one person's connections (the socket layer then removes them). */
  closeConnectionsOf(userId: string, code: number, reason: string): void {
    for (const connection of [...this.connections])
      if (connection.actor.userId === userId) connection.close(code, reason)
  }

  removeConnection(connection: RoomConnection): void {
    if (!this.connections.delete(connection)) return
    this.pendingSyncs = this.pendingSyncs.filter((p) => p.connection !== connection)
    this.presence.remove(connection)
  }

  /** Handles one decoded client message. Returns a close reason when the client must go. */
  receive(connection: RoomConnection, message: ClientMessage): { closeCode: number; reason: string } | null {
    if (!this.connections.has(connection)) return null
    switch (message.kind) {
      case 'sync-step1':
        // Everything in the document is durable: answer now (a cold load saves a tick).
        // Otherwise the answer waits for the tick that persists what is pending.
        if (!this.hasUnpersistedUpdates && this.pendingRemote.length === 0 && !this.destroyed) {
          connection.send(encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, message.stateVector)))
          return null
        }
        this.pendingSyncs.push({ connection, stateVector: message.stateVector })
        this.scheduleTick()
        return null
      case 'sync-update':
        return this.receiveUpdate(connection, message.update)
      case 'awareness': {
        const refused = this.presence.receive(connection, message.update)
        return refused ? { closeCode: 4400, reason: refused } : null
      }
      case 'query-awareness': {
        const presence = this.presence.fullState()
        if (presence) connection.send(presence)
        return null
      }
    }
  }

  /**
   * Runs a server-side change (API calls) and resolves once it is durable and broadcast.
   */
  async change(fn: (records: YKeyValue<TLRecord>, doc: Y.Doc) => void): Promise<void> {
    this.doc.transact(() => fn(this.records, this.doc), SERVER_ORIGIN)
    await this.flushSoon()
  }

  /** Resolves after everything applied so far is persisted and broadcast. */
  flushSoon(): Promise<void> {
    if (!this.hasPendingWork) return this.flushChain
    return new Promise((resolve, reject) => {
      this.flushWaiters.push({ resolve, reject })
      this.scheduleTick()
    })
  }

  /** Flushes now and writes a snapshot (before unloading or shutting down). */
  async flushAndCompact(): Promise<void> {
    this.clearTick()
    await this.enqueueFlush()
    await this.flushChain
    if (this.updatesSinceCompaction > 0) {
      await this.persistence.compact(Y.encodeStateAsUpdate(this.doc), this.lastSeq)
      this.updatesSinceCompaction = 0
    }
  }

  destroy(): void {
    this.destroyed = true
    this.clearTick()
    this.presence.stop()
    this.doc.destroy()
  }

  private receiveUpdate(connection: RoomConnection, update: Uint8Array): { closeCode: number; reason: string } | null {
    const actor = connection.actor
    // Read-only clients still answer our sync step 1; what they send is simply not applied.
    if (actor.role === 'projector') return null
    let inspection = inspectClientUpdate(update)
    // Only when something looks foreign: maybe it is just something we already have (an offline
    // cache resends the server's own entries). The state vector is needed only then.
    if (!inspection.ok) inspection = inspectClientUpdate(update, Y.decodeStateVector(Y.encodeStateVector(this.doc)))
    if (!inspection.ok) return { closeCode: 4422, reason: inspection.reason }
    const tooLarge = this.wouldExceedDocumentLimit(update)
    if (tooLarge) return { closeCode: CloseCode.documentTooLarge, reason: tooLarge }
    this.refusals = []
    this.comments.reset()
    this.foreignWrite = false
    try {
      Y.applyUpdate(this.doc, update, connection)
    } catch (error) {
      return { closeCode: 4400, reason: `update could not be applied: ${(error as Error).message}` }
    }
    if (this.approxDocBytes !== null) this.approxDocBytes += update.byteLength
    if (this.refusals.length > 0 || this.comments.hasRefusals) this.compensate(connection)
    if (this.foreignWrite) {
      this.restoreForeignTypes()
      return { closeCode: 4422, reason: 'write outside the board records' }
    }
    return null
  }

  /**
   * MAX_DOCUMENT_BYTES: refuses an update that would grow the document beyond the limit. The
   * estimate only ever overshoots (an update's size counts in full), so the exact size — one
   * encode — is computed only when the estimate reaches the limit.
   */
  private wouldExceedDocumentLimit(update: Uint8Array): string | null {
    const max = this.options.maxDocumentBytes
    if (!max) return null
    if (this.approxDocBytes !== null && this.approxDocBytes + update.byteLength <= max) return null
    this.approxDocBytes = Y.encodeStateAsUpdate(this.doc).byteLength
    if (this.approxDocBytes + update.byteLength <= max) return null
    return `the board document would grow beyond ${max} bytes`
  }

  private reviewChanges(changes: RecordChanges, transaction: Y.Transaction): void {
    const origin = transaction.origin as RoomConnection | undefined
    if (!origin || !this.connections.has(origin)) {
      // Server writes (API, restore, compensation) and other instances' writes stand as they are.
      for (const [id, change] of changes) if (change.action !== 'delete') this.deleteGuard.forget(id)
      return
    }
    const actor = origin.actor
    for (const [id, change] of changes) {
      const entry: RecordChange = {
        id,
        before: change.action === 'add' ? undefined : change.oldValue,
        after: change.action === 'delete' ? undefined : change.newValue,
      }
      if (change.action === 'delete') this.massDeletes.noteDelete(change.oldValue, actor.name)
      const reason =
        change.action === 'add' && this.deleteGuard.deletedByOtherThan(id, actor.userId)
          ? 'someone else deleted this meanwhile'
          : reviewRecordChange(actor, entry, this.schema, { locked: this.isLockedForParticipants })
      if (reason) this.refusals.push({ entry, reason })
      else if (change.action === 'delete') this.deleteGuard.noteDeleted(id, actor.userId)
      else this.deleteGuard.forget(id)
    }
  }

  /** Reverts refused changes in one server transaction; others receive only the net result. */
  private compensate(connection: RoomConnection): void {
    const refusals = this.refusals
    this.refusals = []
    let refusedComments: ReturnType<CommentGuard['revert']> = []
    this.doc.transact(() => {
      for (const { entry } of refusals) {
        if (entry.before === undefined) this.records.delete(entry.id)
        else this.records.set(entry.id, entry.before)
      }
      refusedComments = this.comments.revert()
    }, SERVER_ORIGIN)
    for (const { change, refusal } of refusedComments) {
      refusals.push({ entry: { id: change.id, before: undefined, after: undefined }, reason: refusal.reason })
    }
    this.needsNetDiff = true
    for (const { entry, reason } of refusals) {
      this.options.logger.warn(
        { boardId: this.boardId, connectionId: connection.id, recordId: entry.id, reason },
        'change refused',
      )
      this.emit({ type: 'refused', connectionId: connection.id, recordId: entry.id, reason })
    }
  }

  private detectForeignWrites(transaction: Y.Transaction): void {
    const origin = transaction.origin
    if (origin === SERVER_ORIGIN || origin === RELAY_ORIGIN || origin === null) return
    const recordsType = getRecordsArray(this.doc)
    for (const type of transaction.changed.keys()) {
      if (type !== recordsType && !this.comments.watches(type)) this.foreignWrite = true
    }
  }

  /** Undo whatever a client managed to put outside `records` (defence in depth). */
  private restoreForeignTypes(): void {
    this.doc.transact(() => {
      for (const [name, type] of this.doc.share) {
        if (name === BoardDoc.records || name === BoardDoc.comments) continue
        if (name === BoardDoc.meta) {
          const meta = getMetaMap(this.doc)
          meta.set(BoardDoc.schemaKey, this.schema.serialize())
          continue
        }
        if (type instanceof Y.Map) for (const key of [...type.keys()]) type.delete(key)
        else if (type instanceof Y.Array || type instanceof Y.Text) type.delete(0, type.length)
      }
    }, SERVER_ORIGIN)
    this.needsNetDiff = true
  }

  /**
   * At most one flush per `tickMs`, on the leading edge: the first update after a quiet window
   * goes out on the next turn of the event loop (everything that arrived in the same I/O phase
   * still shares it), later ones wait for the rest of the window and go out together. A plenary's
   * 10 edits a second then cost no waiting at all, while a burst still becomes one append and
   * one broadcast per window.
   */
  private scheduleTick(): void {
    if (this.tickTimer || this.destroyed) return
    const wait = Math.max(0, this.lastTickAt + this.options.tickMs - performance.now())
    this.tickTimer = setTimeout(() => {
      this.tickTimer = null
      this.lastTickAt = performance.now()
      void this.enqueueFlush()
    }, wait)
  }

  private clearTick(): void {
    if (this.tickTimer) clearTimeout(this.tickTimer)
    this.tickTimer = null
  }

  /** Flushes are strictly sequential, so the log order is the order of application. */
  private enqueueFlush(): Promise<void> {
    this.flushChain = this.flushChain.then(() => this.flush())
    return this.flushChain
  }

  private async flush(): Promise<void> {
    if (!this.hasPendingWork) return this.resolveWaiters()
    const started = performance.now()
    this.deleteGuard.prune()
    // Still synchronous with the deletes: a listener can read the board as it is right now.
    const massDelete = this.massDeletes.take((id) => this.records.has(id))
    if (massDelete) this.emit({ type: 'mass-delete', ...massDelete })
    // Everything below up to the await is synchronous: the update, the sync answers and the
    // snapshot all describe exactly the state that is about to be persisted.
    const updates = this.pendingUpdates
    const remote = this.pendingRemote
    const receivedAt = this.oldestPendingAt
    const syncs = this.pendingSyncs
    const netDiff = this.needsNetDiff
    const previousStateVector = this.stateVectorAtLastFlush
    this.pendingUpdates = []
    this.pendingRemote = []
    this.oldestPendingAt = null
    this.pendingSyncs = []
    this.needsNetDiff = false
    this.stateVectorAtLastFlush = Y.encodeStateVector(this.doc)
    let merged: Uint8Array | null = null
    if (updates.length > 0) {
      // After a compensation the raw updates still contain refused content; the net diff of
      // the document (garbage-collected) does not.
      merged = netDiff ? Y.encodeStateAsUpdate(this.doc, previousStateVector) : Y.mergeUpdates(updates)
    }
    const answers = syncs.map((s) => ({
      connection: s.connection,
      message: encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, s.stateVector)),
    }))
    const compactNow = merged !== null && this.updatesSinceCompaction + 1 >= this.options.compactEvery
    const snapshot = compactNow ? Y.encodeStateAsUpdate(this.doc) : null
    const waiters = this.flushWaiters
    this.flushWaiters = []

    // Durable elsewhere already: safe to show now, whatever happens to our own append.
    if (remote.length > 0) {
      const message = encodeSyncUpdate(Y.mergeUpdates(remote))
      for (const connection of this.connections) connection.send(message)
    }
    let persistLagMs: number | null = null
    if (merged) {
      this.appending = true
      try {
        this.lastSeq = await this.persistence.append(merged)
        this.updatesSinceCompaction++
      } catch (error) {
        // Keep everything for the next attempt; nobody has seen it yet.
        this.options.logger.error({ err: error, boardId: this.boardId }, 'persisting board update failed; will retry')
        // Tell the clients: what they type now is not saved yet (it is kept and retried).
        if (this.state.storage !== 'unavailable' && !this.destroyed) this.setBoardState({ storage: 'unavailable' })
        this.pendingUpdates.unshift(merged)
        this.pendingSyncs.unshift(...syncs)
        this.needsNetDiff ||= netDiff
        this.oldestPendingAt = receivedAt ?? this.oldestPendingAt
        this.stateVectorAtLastFlush = previousStateVector
        this.flushWaiters.unshift(...waiters)
        if (!this.destroyed) setTimeout(() => this.scheduleTick(), 500)
        return
      } finally {
        this.appending = false
      }
      if (receivedAt !== null) persistLagMs = performance.now() - receivedAt
      if (this.state.storage === 'unavailable') this.setBoardState({ storage: 'ok' })
      this.emit({ type: 'persisted', update: merged })
      const message = encodeSyncUpdate(merged)
      for (const connection of this.connections) connection.send(message)
    }
    for (const answer of answers) {
      if (this.connections.has(answer.connection)) answer.connection.send(answer.message)
    }
    for (const waiter of waiters) waiter.resolve()
    this.emit({
      type: 'flushed',
      bytes: merged?.byteLength ?? 0,
      durationMs: performance.now() - started,
      updates: updates.length,
      persistLagMs,
    })
    if (snapshot) {
      try {
        await this.persistence.compact(snapshot, this.lastSeq)
        this.updatesSinceCompaction = 0
      } catch (error) {
        this.options.logger.error({ err: error, boardId: this.boardId }, 'compaction failed; the log stays intact')
      }
    }
  }

  private resolveWaiters(): void {
    const waiters = this.flushWaiters
    this.flushWaiters = []
    for (const waiter of waiters) waiter.resolve()
  }

  private emit(event: RoomEvent): void {
    for (const listener of this.listeners) listener(event)
  }
}
