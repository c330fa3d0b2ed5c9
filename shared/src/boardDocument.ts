import type { TLRecord } from '@tldraw/tlschema'
import { YKeyValue } from 'y-utility/y-keyvalue'
import type * as Y from 'yjs'

/**
 * Layout of a board's Yjs document (docs/board-document.md):
 * - `records`: a Y.Array of `{ key, val }` entries read through YKeyValue; key = record id,
 *   val = the tldraw record (document scope only: document, pages, shapes, bindings, assets).
 * - `meta`: a Y.Map written only by the server; `schema` holds the serialized tldraw schema.
 * - `comments`: a Y.Map of comments on idea cards, keyed by comment id (see comments.ts).
 * - `deletes`: a Y.Map written only by the server: record id → who deleted it and when, for the
 *   last minutes (a delete wins over a concurrent move; server/src/sync/DeleteWins.ts).
 * - `replaced`: a Y.Map written only by the server when a board unloads: the entries moves
 *   replaced in the last minute, so an offline delete that crossed one still wins after the
 *   board is loaded again (read and emptied at load; DeleteWins.ts).
 */
export const BoardDoc = {
  records: 'records',
  meta: 'meta',
  schemaKey: 'schema',
  comments: 'comments',
  deletes: 'deletes',
  replaced: 'replaced',
} as const

/** Root types only the server writes; not board content (versions and exports leave them out). */
export const SERVER_ROOTS: ReadonlySet<string> = new Set([BoardDoc.meta, BoardDoc.deletes, BoardDoc.replaced])

/** A recent delete of a record: who deleted it (user id) and when (server time, ms). */
export interface RecordDelete {
  by: string
  at: number
}

export function getDeletesMap(doc: Y.Doc): Y.Map<RecordDelete> {
  return doc.getMap<RecordDelete>(BoardDoc.deletes)
}

/**
 * An entry a move (or the server's put-back) replaced, kept across an unload: key
 * `client:clock` of the replaced entry; `by` the replacing entry's id as [client, clock].
 */
export interface ReplacedEntry {
  key: string
  at: number
  by: [number, number] | null
  relayed: boolean
}

export function getReplacedMap(doc: Y.Doc): Y.Map<ReplacedEntry> {
  return doc.getMap<ReplacedEntry>(BoardDoc.replaced)
}

export interface RecordEntry {
  key: string
  val: TLRecord
}

export function getRecordsArray(doc: Y.Doc): Y.Array<RecordEntry> {
  return doc.getArray<RecordEntry>(BoardDoc.records)
}

export function getMetaMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(BoardDoc.meta)
}

/** Opens the records of a board document as a key-value view (one per doc and consumer). */
export function openRecords(doc: Y.Doc): YKeyValue<TLRecord> {
  return new YKeyValue<TLRecord>(getRecordsArray(doc))
}

/** The current records behind a key-value view (the latest value of every key). */
export function currentRecords(records: YKeyValue<TLRecord>): TLRecord[] {
  return [...records.map.values()].map((entry) => entry.val)
}
