import { BoardDoc, getMetaMap, openRecords } from '@pinnwand/shared/boardDocument'
import type { SerializedSchema, TLRecord, TLStore } from 'tldraw'
import type { YKeyValue } from 'y-utility/y-keyvalue'
import type * as Y from 'yjs'
import { keepOwnDeletes } from './keepOwnDeletes.ts'

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
  dispose(): void
}

export interface BindOptions {
  /** Where rejected remote records are reported; defaults to console.warn. */
  onInvalidRecord?: (key: string, error: unknown) => void
  /** Runs when the page is hidden or left, after tldraw's last changes reached the doc. */
  onLeave?: () => void
}

/**
 * Binds a tldraw store to a board's Y.Doc (the one place where board content crosses between
 * the two). Call it once the doc holds the board (provider synced or IndexedDB cache loaded):
 * it first replaces the store's document-scope records with the doc's, then mirrors
 * user changes into the doc and remote doc changes into the store.
 *
 * Remote values are untrusted: a record the local schema rejects is skipped and reported rather
 * than crashing the canvas; the server is the authority and will revert it anyway.
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

  // Doc → store: everything that did not come from this binding (server, IndexedDB, other tabs).
  const onChange = (changes: Map<string, KeyValueChange>, transaction: Y.Transaction) => {
    if (transaction.origin === origin) return
    const toPut: TLRecord[] = []
    const toRemove: TLRecord['id'][] = []
    for (const [key, change] of changes) {
      if (change.action === 'delete') {
        if (store.has(key as TLRecord['id'])) toRemove.push(key as TLRecord['id'])
        continue
      }
      const record = acceptRemote(key, change.newValue)
      if (record) toPut.push(record)
    }
    if (toPut.length === 0 && toRemove.length === 0) return
    store.mergeRemoteChanges(() => {
      if (toRemove.length > 0) store.remove(toRemove)
      if (toPut.length > 0) store.put(toPut)
    })
  }
  records.on('change', onChange)
  const stopKeepingDeletes = keepOwnDeletes(records, origin)
  const stopFlushingOnLeave = flushBeforeLeaving(store, options.onLeave)

  return {
    origin,
    records,
    dispose() {
      stopListening()
      records.off('change', onChange)
      stopKeepingDeletes()
      stopFlushingOnLeave()
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
