import { type BoardStateMessage, CloseCode, openRecords } from '@pinnwand/shared'
import type { TLRecord, TLSchema } from '@tldraw/tlschema'
import type { Logger } from 'pino'
import type { YKeyValue } from 'y-utility/y-keyvalue'
import * as Y from 'yjs'
import type { Actor } from '../auth/Actor.ts'
import { type Clock, type ClockTimer, systemClock } from './clock.ts'
import { ClientIdBindings, type ClaimClientIds, SERVER_WRITER } from './ClientIdBindings.ts'
import { type CloseVerdict, ConnectionAdmission, foreignClientVerdict } from './ConnectionAdmission.ts'
import { type DecodedUpdate, inspectDecodedUpdate } from './inspectClientUpdate.ts'
import { DeleteWins, type KnownState } from './DeleteWins.ts'
import { type ClientMessage, encodeBoardState, encodeSyncStep1, encodeSyncStep2, encodeSyncUpdate } from './messages.ts'
import { type CrowdPresence, PresenceRelay } from './PresenceRelay.ts'
import type { RoomGuard, RoomGuardFactory, RoomNotice } from './roomGuards.ts'
import { RELAY_ORIGIN, SERVER_ORIGIN } from './roomOrigins.ts'
import { UpdateReview } from './UpdateReview.ts'
import { checkUpdateDependencies, dropPending } from './updateDependencies.ts'

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
  /** Durable client-id bindings shared by all instances (ClientIdBindings); memory when absent. */
  claimClientIds?: ClaimClientIds
  /**
   * Several instances: applies what the store holds and this room may not have yet (the relay
   * lags). A client that moved here from another instance carries that instance's latest
   * writes in its sync; before refusing such an update, the room catches up once and looks again.
   */
  catchUp?: () => Promise<void>
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
  /** When presence switches to crowd mode and how many cursors it shows then (PresenceRelay). */
  crowdPresence?: CrowdPresence
  /** The features' reviews of client writes, one guard per room each (createServer registers them). */
  guards?: readonly RoomGuardFactory[]
  /** Time for tick windows, retries and delete memory; tests inject a ManualClock. */
  clock?: Clock
  logger: Logger
}

export { RELAY_ORIGIN, SERVER_ORIGIN }

export type RoomEvent =
  | { type: 'flushed'; bytes: number; durationMs: number; updates: number; persistLagMs: number | null }
  /** A merged update is durable: other instances may now see it (scale-out relay). */
  | { type: 'persisted'; update: Uint8Array }
  /** This instance's clients' merged awareness batch (scale-out relay). */
  | { type: 'presence'; update: Uint8Array }
  /**
   * A client's change was refused and put back. `record` is what the client wrote (absent for a
   * delete; untrusted): a feature may keep it elsewhere (a card sent just as cards began to be
   * held back). Never relayed or sent to clients.
   */
  | { type: 'refused'; connectionId: string; actor: Actor; recordId: string; reason: string; record?: TLRecord }
  /** A relayed update could not be integrated (a predecessor was lost): reload from the store. */
  | { type: 'resync-needed'; reason: string }
  /** Content that could never be integrated was dropped (see dropPending). */
  | { type: 'pending-dropped'; bytes: number; source: string }
  /** Something a feature's guard noticed at a tick (e.g. a mass delete, for board history). */
  | { type: 'notice'; notice: RoomNotice }

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
  private readonly persistence: RoomPersistence
  private readonly options: RoomOptions
  private readonly clock: Clock
  private readonly connections = new Set<RoomConnection>()
  private readonly listeners = new Set<(event: RoomEvent) => void>()

  private pendingUpdates: Uint8Array[] = []
  /** Updates that are durable already (RELAY_ORIGIN): broadcast at the tick, not persisted. */
  private pendingRemote: Uint8Array[] = []
  private appending = false
  /** Upper estimate of the encoded document size (exact only when near the limit). */
  private approxDocBytes: number | null = null
  /** When the size was last computed exactly (at most once a second near the limit). */
  private exactSizeAt = -Infinity
  /** The whole document encoded, for joiners that have nothing yet; cleared by every update. */
  private fullStateCache: Uint8Array | null = null
  /** Who writes under which Yjs client id (nobody under another's). */
  private readonly bindings: ClientIdBindings
  /** Connections waiting for a client-id claim or a catch-up, with what they sent meanwhile. */
  private readonly admission: ConnectionAdmission<RoomConnection>
  /** What each connection's replica held when it connected (its sync step 1), see DeleteWins. */
  private readonly knownStates = new WeakMap<RoomConnection, KnownState | undefined>()
  /** When the oldest not yet persisted update arrived (persistence lag metric). */
  private oldestPendingAt: number | null = null
  /** Set when a compensation happened: the tick must send the net diff, not the raw updates. */
  private needsNetDiff = false
  private stateVectorAtLastFlush: Uint8Array
  private pendingSyncs: PendingSync[] = []
  private flushWaiters: { resolve: () => void; reject: (e: Error) => void }[] = []
  private tickTimer: ClockTimer | null = null
  /** When the last tick started (clock.monotonic()), for the leading-edge window. */
  private lastTickAt = -Infinity
  private flushChain: Promise<void> = Promise.resolve()
  private updatesSinceCompaction = 0
  private lastSeq = 0

  /** A delete wins over a concurrent move, in both orders (DeleteWins.ts). */
  private readonly deleteWins: DeleteWins
  /** The features' reviews of client writes (comments, mass deletes, …; see roomGuards.ts). */
  private readonly guards: RoomGuard[] = []
  /** The server's review of every client write, and the put-back of what it refuses. */
  private readonly review: UpdateReview
  /** While applyRemote runs: whether the relayed update changed anything here. */
  private relayedWhole = false
  private relayedChanged = false
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
    this.persistence = persistence
    this.options = options
    this.clock = options.clock ?? systemClock
    this.stateVectorAtLastFlush = Y.encodeStateVector(doc)
    this.bindings = new ClientIdBindings(persistence.claimClientIds ?? null)
    this.admission = new ConnectionAdmission<RoomConnection>(
      {
        boardId,
        logger: options.logger,
        isConnected: (connection) => !this.destroyed && this.connections.has(connection),
        receive: (connection, message) => this.receive(connection, message),
        receiveAfterCatchUp: (connection, update, live) => this.receiveUpdate(connection, update, live, false),
        close: (connection, verdict) => this.closeWith(connection, verdict),
      },
      this.bindings,
      persistence,
    )
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      this.fullStateCache = null
      if (origin === RELAY_ORIGIN) {
        // A relayed update is passed on whole (applyRemote), not as this delta: see there.
        if (this.relayedWhole) this.relayedChanged = true
        else this.pendingRemote.push(update)
      } else {
        this.oldestPendingAt ??= this.clock.monotonic()
        this.pendingUpdates.push(update)
      }
      this.scheduleTick()
    })
    this.records = openRecords(doc)
    this.deleteWins = new DeleteWins(
      doc,
      (origin) =>
        this.connections.has(origin as RoomConnection) ? 'client' : origin === RELAY_ORIGIN ? 'relay' : 'server',
      () => this.clock.now(),
    )
    const actorOf = (origin: unknown) =>
      this.connections.has(origin as RoomConnection) ? (origin as RoomConnection).actor : null
    this.review = new UpdateReview({
      boardId,
      doc,
      records: this.records,
      schema,
      deleteWins: this.deleteWins,
      guards: this.guards,
      logger: options.logger,
      actorOf,
      isLockedForParticipants: () => this.isLockedForParticipants,
      rewritten: () => {
        this.needsNetDiff = true
      },
      refused: (refusal) => this.emit({ type: 'refused', ...refusal }),
    })
    // After the review: its record observers run first, as the guards' reviews are called from there.
    this.guards.push(
      ...(options.guards ?? []).map((makeGuard) =>
        makeGuard({
          doc,
          records: this.records,
          actorOf,
          isLockedForParticipants: () => this.isLockedForParticipants,
          clock: this.clock,
          boardState: () => this.state,
        }),
      ),
    )
    this.presence = new PresenceRelay<RoomConnection>(
      doc,
      options.awarenessMs,
      {
        recipients: () => this.connections,
        publish: (update) => this.emit({ type: 'presence', update }),
        // Crowd presence: the clients see a few cursors; the head count comes on the state channel.
        crowd: (people) => this.setBoardState({ crowd: people === null ? null : { people } }),
        bound: (speaker, clientId) => {
          // Ids with content are bound by their first writer (or were, before bindings existed).
          if (Y.getState(this.doc.store, clientId) > 0) return
          this.bindings.reserve(clientId, speaker.actor.userId, (error) =>
            this.options.logger.warn({ err: error, boardId: this.boardId }, 'binding a presence client id failed'),
          )
        },
        mayIntroduce: (speaker, clientId) => {
          const owner = this.bindings.ownerOf(clientId)
          if (owner !== undefined) return owner === speaker.actor.userId
          // Perhaps someone's on another instance, whose presence has not arrived here yet: the
          // store binds it to the speaker or says whose it is.
          return this.bindings.claim([clientId], speaker.actor.userId).then((foreign) => foreign === null)
        },
      },
      options.crowdPresence,
      this.clock,
    )
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

  /**
   * Binds the server's own client id before it writes anything, so no client can write under it.
   * A collision with a person's id (1 in 4 billion) just picks another id.
   */
  async claimServerClientId(): Promise<void> {
    while ((await this.bindings.claim([this.doc.clientID], SERVER_WRITER)) !== null) {
      this.doc.clientID = Math.floor(Math.random() * 0xffffffff)
    }
  }

  /**
   * Applies another instance's persisted update. Only whole: if something it builds on is
   * missing here (a lost relay message), applying it would leave content pending, to be
   * integrated later inside a client's transaction; the store has everything, so reload instead.
   */
  applyRemote(update: Uint8Array): void {
    if (this.destroyed) return
    const decoded = Y.decodeUpdate(update)
    const dependencies = checkUpdateDependencies(decoded, (client) => Y.getState(this.doc.store, client))
    if (!dependencies.ok) {
      this.emit({ type: 'resync-needed', reason: dependencies.reason })
      return
    }
    // Local clients get the relayed update whole, not the delta Yjs reports for this document.
    // The delta leaves out deletes this instance had already made: when a move here and a move
    // there both replaced the same entry, the delta carries the other move's new entry but not
    // its delete of the old one. A tab that has not yet received the local move (it goes out
    // after this, once persisted) would then see two entries of the card, remove the old one as
    // a duplicate, and send that delete — which the room must read as that person deleting the
    // card (DeleteWins: a stale delete), and the card would vanish for everyone.
    this.relayedWhole = true
    this.relayedChanged = false
    try {
      Y.applyUpdate(this.doc, update, RELAY_ORIGIN)
    } finally {
      this.relayedWhole = false
    }
    if (this.relayedChanged) {
      this.pendingRemote.push(update)
      this.scheduleTick()
    }
    this.dropPendingContent('relayed update')
    this.review.enforceDeletes()
  }

  /**
   * Takes back the replaced entries an earlier room of this board saved when it unloaded. Call
   * once at load, after the server's client id is claimed (it writes: the map is emptied).
   */
  restoreReplaced(): void {
    this.doc.transact(() => this.deleteWins.restoreReplaced(this.doc), SERVER_ORIGIN)
  }

  /** Applies content read from the store (a resync); what cannot integrate is dropped. */
  applyDurable(update: Uint8Array): void {
    if (this.destroyed) return
    Y.applyUpdate(this.doc, update, RELAY_ORIGIN)
    this.dropPendingContent('store content')
    this.review.enforceDeletes()
  }

  private dropPendingContent(source: string): void {
    const bytes = dropPending(this.doc)
    if (bytes === 0) return
    this.fullStateCache = null
    this.options.logger.warn({ boardId: this.boardId, bytes, source }, 'dropped content that could never be integrated')
    this.emit({ type: 'pending-dropped', bytes, source })
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
    this.admission.forget(connection)
    this.pendingSyncs = this.pendingSyncs.filter((p) => p.connection !== connection)
    this.presence.remove(connection)
  }

  /** Handles one decoded client message. Returns a close reason when the client must go. */
  receive(connection: RoomConnection, message: ClientMessage): CloseVerdict | null {
    if (!this.connections.has(connection)) return null
    // Behind a client-id claim of this connection: everything it sends keeps its order (a sync
    // step 1 after an update must be answered with that update applied).
    if (this.admission.queueIfWaiting(connection, message)) return null
    switch (message.kind) {
      case 'sync-step1':
        this.knownStates.set(connection, readStateVector(message.stateVector))
        // Everything in the document is durable: answer now (a cold load saves a tick).
        // Otherwise the answer waits for the tick that persists what is pending.
        if (!this.hasUnpersistedUpdates && this.pendingRemote.length === 0 && !this.destroyed) {
          connection.send(encodeSyncStep2(this.encodeStateFor(message.stateVector)))
          return null
        }
        this.pendingSyncs.push({ connection, stateVector: message.stateVector })
        this.scheduleTick()
        return null
      case 'sync-update':
        return this.receiveUpdate(connection, message.update, message.live === true)
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
    // What moves replaced in the last minute outlives this room (see DeleteWins.saveReplaced).
    if (!this.destroyed) this.doc.transact(() => this.deleteWins.saveReplaced(this.doc), SERVER_ORIGIN)
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

  /**
   * Applies one client update, whole or not at all: its shape must be allowed, everything it
   * builds on must be here (nothing may stay pending, see updateDependencies.ts), and it may
   * write only under client ids bound to this person (ClientIdBindings). Then each record change
   * is reviewed, and refused ones are compensated.
   */
  private receiveUpdate(
    connection: RoomConnection,
    update: Uint8Array,
    live: boolean,
    mayCatchUp = true,
  ): CloseVerdict | null {
    const verdict = this.admitUpdate(connection, update, live, mayCatchUp)
    if (!verdict || !mayCatchUp || !this.admission.mayCure(verdict)) return verdict
    this.admission.catchUpThenReceive(connection, update, live, verdict)
    return null
  }

  private admitUpdate(
    connection: RoomConnection,
    update: Uint8Array,
    live: boolean,
    mayCatchUp: boolean,
  ): CloseVerdict | null {
    const actor = connection.actor
    // Read-only clients still answer our sync step 1; what they send is simply not applied.
    if (actor.role === 'projector') return null
    let decoded: DecodedUpdate
    try {
      decoded = Y.decodeUpdate(update)
    } catch (error) {
      return { closeCode: CloseCode.forbiddenWrite, reason: `undecodable update: ${(error as Error).message}` }
    }
    const stateOf = (client: number) => Y.getState(this.doc.store, client)
    const inspection = inspectDecodedUpdate(decoded, stateOf)
    if (!inspection.ok) return { closeCode: CloseCode.forbiddenWrite, reason: inspection.reason }
    const dependencies = checkUpdateDependencies(decoded, stateOf)
    if (!dependencies.ok) return { closeCode: CloseCode.incompleteUpdate, reason: dependencies.reason }
    const writers = this.bindings.judge(dependencies.writers, actor.userId)
    if (writers.foreign !== null) return foreignClientVerdict(writers.foreign)
    if (writers.unknown.length > 0) {
      this.admission.claimThenReceive(connection, { kind: 'sync-update', update, live }, writers.unknown, mayCatchUp)
      return null
    }
    const tooLarge = this.wouldExceedDocumentLimit(update)
    if (tooLarge) return { closeCode: CloseCode.documentTooLarge, reason: tooLarge }
    this.review.begin()
    // Before applying: which already replaced entries this live update deletes (see DeleteWins).
    const staleDeletes = live
      ? this.deleteWins.staleDeletedKeys(decoded, actor.userId)
      : this.deleteWins.staleDeletedKeysOfResync(decoded, this.knownStates.get(connection))
    this.deleteWins.noteOwnUpdate(actor.userId, decoded)
    try {
      Y.applyUpdate(this.doc, update, connection)
    } catch (error) {
      return { closeCode: 4400, reason: `update could not be applied: ${(error as Error).message}` }
    }
    if (this.approxDocBytes !== null) this.approxDocBytes += update.byteLength
    this.review.finish(connection.id, actor, staleDeletes, inspection.duplicateKeys)
    // Never expected (the dependency check follows Yjs); if it happens, what stayed pending must
    // not wait to be integrated inside someone else's transaction.
    const stuck = dropPending(this.doc)
    if (stuck > 0) this.fullStateCache = null
    if (stuck > 0)
      this.options.logger.error({ boardId: this.boardId, bytes: stuck }, 'client update left content pending')
    if (this.review.wroteOutsideRecords) {
      this.review.restoreForeignTypes()
      return { closeCode: CloseCode.forbiddenWrite, reason: 'write outside the board records' }
    }
    if (stuck > 0) return { closeCode: CloseCode.incompleteUpdate, reason: 'update could not be integrated whole' }
    return null
  }

  private closeWith(connection: RoomConnection, verdict: CloseVerdict): void {
    this.options.logger.warn(
      { boardId: this.boardId, connectionId: connection.id, code: verdict.closeCode, reason: verdict.reason },
      'closing connection after bad message',
    )
    connection.close(verdict.closeCode, verdict.reason)
  }

  /** The update for a client that has `stateVector`; joiners with nothing share one encoding. */
  private encodeStateFor(stateVector: Uint8Array): Uint8Array {
    // An empty state vector encodes as the single byte 0 (no clients).
    if (stateVector.byteLength > 1 || stateVector[0] !== 0) return Y.encodeStateAsUpdate(this.doc, stateVector)
    this.fullStateCache ??= Y.encodeStateAsUpdate(this.doc)
    return this.fullStateCache
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
    // Near the limit the exact size is computed at most once a second: a client hammering a full
    // board must not make the room encode the whole document for every message.
    const now = this.clock.monotonic()
    if (this.approxDocBytes === null || now - this.exactSizeAt >= 1000) {
      this.approxDocBytes = this.encodeStateFor(new Uint8Array([0])).byteLength
      this.exactSizeAt = now
    }
    if (this.approxDocBytes + update.byteLength <= max) return null
    return `the board document would grow beyond ${max} bytes`
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
    const wait = Math.max(0, this.lastTickAt + this.options.tickMs - this.clock.monotonic())
    this.tickTimer = this.clock.setTimeout(() => {
      this.tickTimer = null
      this.lastTickAt = this.clock.monotonic()
      void this.enqueueFlush()
    }, wait)
  }

  private clearTick(): void {
    if (this.tickTimer) this.clock.clearTimeout(this.tickTimer)
    this.tickTimer = null
  }

  /** Flushes are strictly sequential, so the log order is the order of application. */
  private enqueueFlush(): Promise<void> {
    this.flushChain = this.flushChain.then(() => this.flush())
    return this.flushChain
  }

  private async flush(): Promise<void> {
    if (!this.hasPendingWork) return this.resolveWaiters()
    const started = this.clock.monotonic()
    const expired = this.deleteWins.prune()
    if (expired.length > 0) this.doc.transact(() => this.deleteWins.forget(expired), SERVER_ORIGIN)
    // Still synchronous with the deletes: a listener can read the board as it is right now.
    for (const guard of this.guards) {
      const notice = guard.atTick?.()
      if (notice) this.emit({ type: 'notice', notice })
    }
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
    // What changes from here on goes out in the next flush (DeleteWins reads who may have seen what).
    this.deleteWins.flushed()
    let merged: Uint8Array | null = null
    if (updates.length > 0) {
      // After a compensation the raw updates still contain refused content; the net diff of
      // the document (garbage-collected) does not.
      merged = netDiff ? Y.encodeStateAsUpdate(this.doc, previousStateVector) : Y.mergeUpdates(updates)
    }
    const answers = syncs.map((s) => ({
      connection: s.connection,
      message: encodeSyncStep2(this.encodeStateFor(s.stateVector)),
    }))
    const compactNow = merged !== null && this.updatesSinceCompaction + 1 >= this.options.compactEvery
    const snapshot = compactNow ? this.encodeStateFor(new Uint8Array([0])) : null
    const waiters = this.flushWaiters
    this.flushWaiters = []

    // Durable elsewhere already: safe to show now, whatever happens to our own append — unless
    // this flush has local changes too. Those may be this room's clean-up of what the relayed
    // update brought (YKeyValue removing a loser of concurrent writes), and a tab that got the
    // winner without the clean-up would remove the loser itself, in a delete of its own
    // (DeleteWins reads such deletes); so then both go out together, after the append.
    if (remote.length > 0 && !merged) {
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
        // What other instances made durable is shown all the same.
        if (remote.length > 0) {
          const message = encodeSyncUpdate(Y.mergeUpdates(remote))
          for (const connection of this.connections) connection.send(message)
        }
        this.pendingUpdates.unshift(merged)
        this.pendingSyncs.unshift(...syncs)
        this.needsNetDiff ||= netDiff
        this.oldestPendingAt = receivedAt ?? this.oldestPendingAt
        this.stateVectorAtLastFlush = previousStateVector
        this.flushWaiters.unshift(...waiters)
        if (!this.destroyed) this.clock.setTimeout(() => this.scheduleTick(), 500)
        return
      } finally {
        this.appending = false
      }
      if (receivedAt !== null) persistLagMs = this.clock.monotonic() - receivedAt
      if (this.state.storage === 'unavailable') this.setBoardState({ storage: 'ok' })
      this.emit({ type: 'persisted', update: merged })
      const message = encodeSyncUpdate(remote.length > 0 ? Y.mergeUpdates([...remote, merged]) : merged)
      for (const connection of this.connections) connection.send(message)
    }
    for (const answer of answers) {
      if (this.connections.has(answer.connection)) answer.connection.send(answer.message)
    }
    for (const waiter of waiters) waiter.resolve()
    this.emit({
      type: 'flushed',
      bytes: merged?.byteLength ?? 0,
      durationMs: this.clock.monotonic() - started,
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

/** A sync step 1's state vector; unreadable, it tells nothing (no step 2 is read as a delete). */
function readStateVector(stateVector: Uint8Array): KnownState | undefined {
  try {
    return Y.decodeStateVector(stateVector)
  } catch {
    return undefined
  }
}
