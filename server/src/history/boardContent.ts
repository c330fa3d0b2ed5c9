import { BoardDoc, getMetaMap, getRecordsArray, type RecordEntry, SERVER_ROOTS } from '@pinnwand/shared'
import type { TLRecord } from '@tldraw/tlschema'
import type { YKeyValue } from 'y-utility/y-keyvalue'
import * as Y from 'yjs'
import { copyRecordsSafely } from '../domain/safeRecords.ts'

/**
 * A board's content as plain data: what a version stores, and what a restore brings back.
 * Everything in the document except the server-only `meta` map: the tldraw records, and every
 * other root map (comments, and whatever a later feature adds) key by key. No disk, no sockets:
 * reading and writing a Y.Doc is all this module does.
 */
export interface BoardContent {
  /** The serialized tldraw schema the records conform to (a restore migrates from it). */
  schema: unknown
  records: TLRecord[]
  /** Root maps other than `meta`: map name → key → value (plain JSON, see `TaggedYType`). */
  maps: Record<string, Record<string, unknown>>
  /**
   * Ids of records the reading left out because they could not be copied (nested thousands of
   * levels deep, from before the record limits): one bad record must not fail a version.
   */
  omittedRecords?: string[]
}

/**
 * How a nested shared type inside a root map is kept as plain data. Today's maps hold plain
 * JSON only (comments are written once, never edited), but a nested type must not be flattened
 * into a plain value on restore, or its writers could no longer edit it.
 */
export interface TaggedYType {
  $yjs: 'map' | 'array' | 'text'
  value: unknown
}

export interface BoardContentChanges {
  records: { set: TLRecord[]; delete: string[] }
  maps: Record<string, { set: [string, unknown][]; delete: string[] }>
}

const isTagged = (value: unknown): value is TaggedYType =>
  typeof value === 'object' && value !== null && '$yjs' in value && 'value' in value

function toPlain(value: unknown): unknown {
  if (value instanceof Y.Map) return { $yjs: 'map', value: value.toJSON() } satisfies TaggedYType
  if (value instanceof Y.Array) return { $yjs: 'array', value: value.toJSON() } satisfies TaggedYType
  if (value instanceof Y.Text) return { $yjs: 'text', value: value.toString() } satisfies TaggedYType
  return structuredClone(value)
}

function fromPlain(value: unknown): unknown {
  if (!isTagged(value)) return structuredClone(value)
  switch (value.$yjs) {
    case 'map': {
      const map = new Y.Map<unknown>()
      for (const [k, v] of Object.entries((value.value ?? {}) as Record<string, unknown>))
        map.set(k, structuredClone(v))
      return map
    }
    case 'array':
      return Y.Array.from(Array.isArray(value.value) ? value.value.map((v) => structuredClone(v)) : [])
    case 'text':
      return new Y.Text(String(value.value ?? ''))
  }
}

/**
 * The root types that are maps, by name, except `meta`. A type nobody has asked for by kind yet
 * (a map written by a client this server process has not read) is a bare AbstractType in
 * `doc.share`; it is a map when it has keyed entries and no list content.
 */
function rootMaps(doc: Y.Doc): Map<string, Y.Map<unknown>> {
  const maps = new Map<string, Y.Map<unknown>>()
  for (const [name, type] of doc.share) {
    if (SERVER_ROOTS.has(name) || name === BoardDoc.records) continue
    const bare = type as Y.AbstractType<unknown>
    if (type instanceof Y.Map) maps.set(name, type)
    else if (bare.constructor === Y.AbstractType && bare._start === null && bare._map.size > 0) {
      maps.set(name, doc.getMap<unknown>(name))
    }
  }
  return maps
}

/** Reads the board's current content (records through the room's key-value view). */
export function readBoardContent(doc: Y.Doc, records: YKeyValue<TLRecord>, fallbackSchema?: unknown): BoardContent {
  const maps: BoardContent['maps'] = {}
  for (const [name, map] of rootMaps(doc)) {
    const entries: Record<string, unknown> = {}
    for (const [key, value] of map.entries()) entries[key] = toPlain(value)
    if (Object.keys(entries).length > 0) maps[name] = entries
  }
  const copied = copyRecordsSafely([...records.map.values()].map((entry) => entry.val))
  return {
    schema: structuredClone(getMetaMap(doc).get(BoardDoc.schemaKey) ?? fallbackSchema ?? null),
    records: copied.records as TLRecord[],
    maps,
    ...(copied.omitted.length > 0 ? { omittedRecords: copied.omitted } : {}),
  }
}

/** Structural equality of JSON-like values (key order does not matter). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  if (Array.isArray(a)) {
    const other = b as unknown[]
    return a.length === other.length && a.every((item, i) => sameValue(item, other[i]))
  }
  const ka = Object.keys(a)
  const kb = Object.keys(b)
  if (ka.length !== kb.length) return false
  return ka.every((key) => Object.hasOwn(b, key) && sameValue((a as never)[key], (b as never)[key]))
}

/**
 * What must change so that a board showing `current` shows `target`: records and map entries to
 * set (missing or different) and to delete (not in the target). Unchanged entries are left out,
 * so a restore rewrites only what really differs.
 */
export function diffBoardContent(current: BoardContent, target: BoardContent): BoardContentChanges {
  const currentRecords = new Map(current.records.map((r) => [r.id as string, r]))
  const targetIds = new Set(target.records.map((r) => r.id as string))
  const changes: BoardContentChanges = {
    records: {
      set: target.records.filter((r) => !sameValue(currentRecords.get(r.id), r)),
      delete: [...currentRecords.keys()].filter((id) => !targetIds.has(id)),
    },
    maps: {},
  }
  for (const name of new Set([...Object.keys(current.maps), ...Object.keys(target.maps)])) {
    if (SERVER_ROOTS.has(name) || name === BoardDoc.records) continue
    const now = current.maps[name] ?? {}
    const wanted = target.maps[name] ?? {}
    const set = Object.entries(wanted).filter(([key, value]) => !Object.hasOwn(now, key) || !sameValue(now[key], value))
    const remove = Object.keys(now).filter((key) => !Object.hasOwn(wanted, key))
    if (set.length > 0 || remove.length > 0) changes.maps[name] = { set, delete: remove }
  }
  return changes
}

export const isEmptyChange = (changes: BoardContentChanges): boolean =>
  changes.records.set.length === 0 && changes.records.delete.length === 0 && Object.keys(changes.maps).length === 0

export const changeCount = (changes: BoardContentChanges): number =>
  changes.records.set.length +
  changes.records.delete.length +
  Object.values(changes.maps).reduce((sum, m) => sum + m.set.length + m.delete.length, 0)

/**
 * Writes `changes` into the document as ordinary set/delete operations. Call inside the
 * caller's transaction (the room's server transaction), so clients receive one update.
 */
export function applyBoardContentChanges(doc: Y.Doc, records: YKeyValue<TLRecord>, changes: BoardContentChanges): void {
  doc.transact(() => {
    for (const id of changes.records.delete) records.delete(id)
    for (const record of changes.records.set) records.set(record.id, structuredClone(record))
    for (const [name, { set, delete: remove }] of Object.entries(changes.maps)) {
      if (SERVER_ROOTS.has(name) || name === BoardDoc.records) continue
      const map = doc.getMap<unknown>(name)
      for (const key of remove) map.delete(key)
      for (const [key, value] of set) map.set(key, fromPlain(value))
    }
  })
}

/** The board as it was just before `deleted` went: the current content with them put back. */
export function withRecordsRestored(content: BoardContent, deleted: readonly TLRecord[]): BoardContent {
  const present = new Set(content.records.map((r) => r.id as string))
  // The deleted records come straight from the document: copied safely like the rest.
  const copied = copyRecordsSafely(deleted.filter((r) => !present.has(r.id)))
  const omitted = [...(content.omittedRecords ?? []), ...copied.omitted]
  return {
    ...content,
    records: [...content.records, ...(copied.records as TLRecord[])],
    ...(omitted.length > 0 ? { omittedRecords: omitted } : {}),
  }
}

/** A document holding `content` (tests and previews that want a Y.Doc). */
export function boardContentToDoc(content: BoardContent): Y.Doc {
  const doc = new Y.Doc()
  doc.transact(() => {
    getMetaMap(doc).set(BoardDoc.schemaKey, content.schema)
    getRecordsArray(doc).push(content.records.map((val): RecordEntry => ({ key: val.id, val })))
    for (const [name, entries] of Object.entries(content.maps)) {
      const map = doc.getMap<unknown>(name)
      for (const [key, value] of Object.entries(entries)) map.set(key, fromPlain(value))
    }
  })
  return doc
}
