import { BoardDoc, getMetaMap, getRecordsArray, type RecordEntry } from '@pinnwand/shared'
import { DocumentRecordType, PageRecordType, type TLRecord, type TLSchema, TLDOCUMENT_ID } from '@tldraw/tlschema'
import type { SerializedSchema } from '@tldraw/store'
import * as Y from 'yjs'

export const DEFAULT_PAGE_ID = 'page:page'

/** A new board's document: the tldraw document and one page, plus the schema in `meta`. */
export function createInitialBoardDocument(schema: TLSchema, extraRecords: TLRecord[] = []): Y.Doc {
  const doc = new Y.Doc()
  doc.transact(() => {
    getMetaMap(doc).set(BoardDoc.schemaKey, schema.serialize())
    const records: TLRecord[] = [
      DocumentRecordType.create({ id: TLDOCUMENT_ID }),
      PageRecordType.create({ id: DEFAULT_PAGE_ID as never, name: 'Board', index: 'a1' as never }),
      ...extraRecords,
    ]
    getRecordsArray(doc).push(records.map((val): RecordEntry => ({ key: val.id, val })))
  })
  return doc
}

/**
 * Brings a loaded document up to the current schema before the first client sees it. Returns
 * true when records were rewritten. A document from a newer schema is left alone (and the
 * caller refuses to serve it).
 */
export function migrateBoardDocument(
  doc: Y.Doc,
  schema: TLSchema,
  write: (records: TLRecord[], removed: string[]) => void,
): { migrated: boolean; newerThanServer: boolean } {
  const meta = getMetaMap(doc)
  const stored = meta.get(BoardDoc.schemaKey) as SerializedSchema | undefined
  const current = schema.serialize()
  if (!stored) {
    doc.transact(() => meta.set(BoardDoc.schemaKey, current))
    return { migrated: false, newerThanServer: false }
  }
  if (JSON.stringify(stored) === JSON.stringify(current)) return { migrated: false, newerThanServer: false }
  const entries = getRecordsArray(doc).toArray()
  const snapshot = Object.fromEntries(entries.map((e) => [e.key, e.val]))
  const result = schema.migrateStoreSnapshot({ store: snapshot as never, schema: stored })
  if (result.type === 'error') {
    return { migrated: false, newerThanServer: result.reason === 'target-version-too-old' }
  }
  const migrated = result.value as Record<string, TLRecord>
  const removed = Object.keys(snapshot).filter((id) => !(id in migrated))
  write(Object.values(migrated), removed)
  doc.transact(() => meta.set(BoardDoc.schemaKey, current))
  return { migrated: true, newerThanServer: false }
}

/** A board document holding exactly `records` (already migrated and validated). */
export function createBoardDocumentFromRecords(schema: TLSchema, records: readonly TLRecord[]): Y.Doc {
  const doc = new Y.Doc()
  doc.transact(() => {
    getMetaMap(doc).set(BoardDoc.schemaKey, schema.serialize())
    getRecordsArray(doc).push(records.map((val): RecordEntry => ({ key: val.id, val })))
  })
  return doc
}
