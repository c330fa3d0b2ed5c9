import { BoardDoc, getMetaMap, openRecords } from '@pinnwand/shared/boardDocument'
import type { SerializedSchema, TLRecord, TLStore } from 'tldraw'
import type { YKeyValue } from 'y-utility/y-keyvalue'
import type * as Y from 'yjs'
import { keepOwnDeletes } from './keepOwnDeletes.ts'
import { whenLocalSendsFree } from './localSendHold.ts'

/** What one YKeyValue 'change' event reports for a key. */
type KeyValueChange =
  | { action: 'add'; newValue: unknown }
  | { action: 'update'; oldValue: unknown; newValue: unknown }
  | { action: 'delete'; oldValue: unknown }

export interface StoreDocBinding {
  /** Transaction origin of every write this binding makes to the doc (for undo managers, tests). */
  readonly origin: object
  /** The key-value view of the records array this binding reads and writes. */
  readonly records: YKeyValue<TLRecord>
  /** Applies the remote changes waiting for the next frame now (tests; reading the store at once). */
  applyRemoteNow(): void
  dispose(): void
}

/** Runs `apply` later; returns a function that cancels it. */
export type ScheduleApply = (apply: () => void) => () => void

export interface BindOptions {
  /** Where rejected remote records are reported; defaults to console.warn. */
  onInvalidRecord?: (key: string, error: unknown) => void
  /** Runs when the page is hidden or left, after tldraw's last changes reached the doc. */
  onLeave?: () => void
  /** When remote changes reach the store; defaults to the next animation frame ({@link nextFrame}). */
  scheduleApply?: ScheduleApply
}

/** Longest wait for a frame: hidden tabs get none, and the store must still follow the doc there. */
const FRAME_FALLBACK_MS = 100

/**
 * The next animation frame, or a timer when no frame comes (a hidden tab; browsers run its
 * timers about once a second, which is enough for a board nobody looks at).
 */
export const nextFrame: ScheduleApply = (apply) => {
  let done = false
  const once = () => {
    if (done) return
    done = true
    if (typeof cancelAnimationFrame === 'function') cancelAnimationFrame(frame)
    clearTimeout(timer)
    apply()
  }
  const frame = typeof requestAnimationFrame === 'function' ? requestAnimationFrame(once) : 0
  const timer = setTimeout(once, FRAME_FALLBACK_MS)
  return () => {
    done = true
    if (typeof cancelAnimationFrame === 'function') cancelAnimationFrame(frame)
    clearTimeout(timer)
  }
}

/**
 * Binds a tldraw store to a board's Y.Doc (the one place where board content crosses between
 * the two). Call it once the doc holds the board (provider synced or IndexedDB cache loaded):
 * it first replaces the store's document-scope records with the doc's, then mirrors
 * user changes into the doc and remote doc changes into the store.
 *
 * Remote values are untrusted: a record the local schema rejects is skipped and reported rather
 * than crashing the canvas; the server is the authority and will revert it anyway.
 *
 * Remote changes reach the store once per animation frame, not per socket message: in a plenary
 * ten edits a second arrive in separate messages, and applying each at once re-rendered and
 * re-measured the canvas inside the message handler (about 30 ms each on a 4× slowed CPU),
 * so frames queued behind them. Per frame the binding applies what the doc holds *then* for
 * every key that changed remotely, which keeps the order of changes (the doc already merged
 * them), folds an update and a delete of one record into its final state, and cannot undo a
 * local edit made in between (local edits go to the doc first, see `applyPending`).
 */
export function bindStoreToDoc(store: TLStore, doc: Y.Doc, options: BindOptions = {}): StoreDocBinding {
  const origin = { name: 'pinnwand-local-store' }
  const records = openRecords(doc)
  const reportInvalid =
    options.onInvalidRecord ??
    ((key: string, error: unknown) =>
      console.warn(`[pinnwand] ignoring invalid record ${key} from the board document`, error))

  const ownSchemaJson = JSON.stringify(store.schema.serialize())
  let lastDocSchema: unknown
  let lastDocSchemaDiffers = false
  /** The doc's schema when records written with it need migrating; cached because it rarely changes. */
  const getDocSchemaIfDifferent = (): SerializedSchema | null => {
    const docSchema = getMetaMap(doc).get(BoardDoc.schemaKey)
    if (docSchema !== lastDocSchema) {
      lastDocSchema = docSchema
      lastDocSchemaDiffers = isSerializedSchema(docSchema) && JSON.stringify(docSchema) !== ownSchemaJson
    }
    return lastDocSchemaDiffers ? (docSchema as SerializedSchema) : null
  }

  /** Migrates (if the doc was written with another schema) and validates one remote value. */
  const acceptRemote = (key: string, value: unknown): TLRecord | null => {
    try {
      if (!isRecordLike(value) || value.id !== key) throw new Error('not a record or id does not match key')
      const recordType = store.schema.types[value.typeName as TLRecord['typeName']]
      if (!recordType || recordType.scope !== 'document')
        throw new Error(`record type ${value.typeName} is not document-scoped`)
      let record = value as unknown as TLRecord
      const docSchema = getDocSchemaIfDifferent()
      if (docSchema) {
        const migrated = store.schema.migratePersistedRecord(record, docSchema, 'up')
        if (migrated.type === 'error') throw new Error(`migration failed: ${migrated.reason}`)
        record = migrated.value
      }
      const before = store.get(record.id) ?? null
      return store.schema.validateRecord(store, record, before ? 'updateRecord' : 'createRecord', before)
    } catch (error) {
      reportInvalid(key, error)
      return null
    }
  }

  // Initial load: the doc is the truth, so drop document records the doc does not have (the
  // store's default document and page) and put everything the doc has.
  {
    const incoming: TLRecord[] = []
    for (const [key, entry] of records.map) {
      const record = acceptRemote(key, entry.val)
      if (record) incoming.push(record)
    }
    const incomingIds = new Set(incoming.map((record) => record.id))
    const stale = store
      .allRecords()
      .filter((record) => store.scopedTypes.document.has(record.typeName) && !incomingIds.has(record.id))
      .map((record) => record.id)
    store.mergeRemoteChanges(() => {
      if (stale.length > 0) store.remove(stale)
      if (incoming.length > 0) store.put(incoming)
    })
  }

  // Local → doc: one Yjs transaction per store change batch, so a drag frame is one update.
  const stopListening = store.listen(
    ({ changes }) => {
      doc.transact(() => {
        for (const record of Object.values(changes.added)) records.set(record.id, record)
        for (const [, to] of Object.values(changes.updated)) records.set(to.id, to)
        for (const record of Object.values(changes.removed)) records.delete(record.id)
      }, origin)
    },
    { source: 'user', scope: 'document' },
  )

  // Doc → store: everything that did not come from this binding (server, IndexedDB, other tabs),
  // collected per frame as the keys that changed.
  const schedule = options.scheduleApply ?? nextFrame
  const pending = new Set<string>()
  let cancelScheduled: (() => void) | null = null
  const applyPending = () => {
    cancelScheduled?.()
    cancelScheduled = null
    if (pending.size === 0) return
    // Local edits tldraw still holds for its next frame go to the doc first; the doc then has
    // the latest of both sides for every key, and the store ends up equal to it. Without this a
    // remote value could overwrite a local edit in the store while the edit still reached the doc.
    store._flushHistory()
    const toPut: TLRecord[] = []
    const toRemove: TLRecord['id'][] = []
    for (const key of pending) {
      const entry = records.map.get(key)
      if (!entry) {
        if (store.has(key as TLRecord['id'])) toRemove.push(key as TLRecord['id'])
        continue
      }
      const record = acceptRemote(key, entry.val)
      if (record && store.get(record.id) !== record) toPut.push(record)
    }
    pending.clear()
    if (toPut.length === 0 && toRemove.length === 0) return
    store.mergeRemoteChanges(() => {
      if (toRemove.length > 0) store.remove(toRemove)
      if (toPut.length > 0) store.put(toPut)
    })
  }
  const onChange = (changes: Map<string, KeyValueChange>, transaction: Y.Transaction) => {
    if (transaction.origin === origin) return
    for (const key of changes.keys()) pending.add(key)
    if (pending.size > 0 && !cancelScheduled) cancelScheduled = schedule(applyPending)
  }
  records.on('change', onChange)
  const stopKeepingDeletes = keepOwnDeletes(records, origin)
  const stopFlushingOnLeave = flushBeforeLeaving(store, options.onLeave)
  const stopSendingPromptly = sendLocalChangesPromptly(store)

  return {
    origin,
    records,
    applyRemoteNow: applyPending,
    dispose() {
      cancelScheduled?.()
      cancelScheduled = null
      pending.clear()
      stopListening()
      records.off('change', onChange)
      stopKeepingDeletes()
      stopFlushingOnLeave()
      stopSendingPromptly()
    },
  }
}

function isRecordLike(value: unknown): value is { id: string; typeName: string } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { id?: unknown }).id === 'string' &&
    typeof (value as { typeName?: unknown }).typeName === 'string'
  )
}

function isSerializedSchema(value: unknown): value is SerializedSchema {
  return typeof value === 'object' && value !== null && 'schemaVersion' in value
}

/**
 * tldraw tells its listeners about changes on the next animation frame. For a local edit that
 * is a frame of delay before it reaches the document and the socket, on top of the frame in which
 * tldraw handled the pointer: on a slow tablet (4× CPU throttle) frames take 30–50 ms, and the
 * drag round trip was two to three times the desktop's (docs/performance.md). Handing the user's
 * changes over right after each store operation (in a microtask, so one operation's changes stay
 * one Yjs transaction and one message) sends them in the task that made them. (A task of their
 * own after the frame measured no better.) Microtasks queued while the operation ran come first:
 * `catchHeldBackCards` takes a held-back card back in one, so creation and removal still fold
 * into nothing and the card never reaches the document.
 */
export function sendLocalChangesPromptly(store: TLStore): () => void {
  let queued = false
  let stopped = false
  const stop = store.sideEffects.registerOperationCompleteHandler((source) => {
    if (source !== 'user' || queued) return
    queued = true
    queueMicrotask(() =>
      // After a held-back card was taken back, never before (localSendHold.ts).
      whenLocalSendsFree(() => {
        queued = false
        if (!stopped) store._flushHistory()
      }),
    )
  })
  return () => {
    stopped = true
    stop()
  }
}

/**
 * tldraw tells its listeners about changes on the next animation frame, so the last keystrokes
 * before a reload (or before a phone puts the tab away, where frames stop) would never reach the
 * document — nor, offline, the IndexedDB cache. Flushing when the page is hidden or left hands
 * them to the document at once. y-indexeddb's write of them is asynchronous and an unloading
 * page may abort it, so `afterFlush` (the connection's unload journal) copies them
 * synchronously as well.
 */
export function flushBeforeLeaving(store: TLStore, afterFlush?: () => void): () => void {
  if (typeof window === 'undefined') return () => undefined
  const flush = () => {
    store._flushHistory()
    afterFlush?.()
  }
  const onVisibility = () => {
    if (document.visibilityState === 'hidden') flush()
  }
  window.addEventListener('pagehide', flush)
  window.addEventListener('beforeunload', flush)
  document.addEventListener('visibilitychange', onVisibility)
  return () => {
    window.removeEventListener('pagehide', flush)
    window.removeEventListener('beforeunload', flush)
    document.removeEventListener('visibilitychange', onVisibility)
  }
}
