import { COMMENTS_MAP, getBoardSchema, getMetaMap, openRecords } from '@pinnwand/shared'
import type { TLRecord } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createInitialBoardDocument } from '../domain/boardDocument.ts'
import {
  applyBoardContentChanges,
  type BoardContent,
  boardContentToDoc,
  changeCount,
  diffBoardContent,
  isEmptyChange,
  readBoardContent,
  sameValue,
  withRecordsRestored,
} from './boardContent.ts'
import { decodeVersionState, encodeVersionState } from './versionState.ts'

const schema = getBoardSchema()

function card(id: string, text: string, x = 0): TLRecord {
  return {
    id: `shape:${id}`,
    typeName: 'shape',
    type: 'idea-card',
    parentId: 'page:page',
    index: 'a2',
    x,
    y: 0,
    rotation: 0,
    isLocked: false,
    opacity: 1,
    meta: {},
    props: { w: 260, h: 160, text, color: 'yellow', author: 'Ada', authorId: 'p_ada', createdAt: 1 },
  } as unknown as TLRecord
}

function boardWith(cards: TLRecord[], comments: Record<string, unknown> = {}) {
  const doc = createInitialBoardDocument(schema, cards)
  const records = openRecords(doc)
  const map = doc.getMap(COMMENTS_MAP)
  for (const [key, value] of Object.entries(comments)) map.set(key, value)
  return { doc, records }
}

const comment = (id: string, ideaId: string, text: string) => ({
  id,
  ideaId,
  authorId: 'p_bo',
  author: 'Bo',
  text,
  createdAt: 5,
})

/** What a client sees: a second doc kept in sync through updates only. */
function follower(doc: Y.Doc) {
  const copy = new Y.Doc()
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
  const updates: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => {
    updates.push(update)
    Y.applyUpdate(copy, update)
  })
  return { copy, updates }
}

describe('readBoardContent', () => {
  it('reads records, the schema and other root maps, never meta', () => {
    const { doc, records } = boardWith([card('a', 'Bäume')], { 'comment:1': comment('comment:1', 'shape:a', 'ja') })
    const content = readBoardContent(doc, records)
    expect(content.records.map((r) => r.id).sort()).toEqual(['document:document', 'page:page', 'shape:a'])
    expect(content.schema).toEqual(schema.serialize())
    expect(content.maps).toEqual({ [COMMENTS_MAP]: { 'comment:1': comment('comment:1', 'shape:a', 'ja') } })
    expect(content.maps.meta).toBeUndefined()
  })

  it('finds a root map this process never asked for by kind (written by a client)', () => {
    const writer = boardWith([], { 'comment:1': comment('comment:1', 'shape:a', 'ja') })
    // A fresh document loaded from the update knows `comments` only as a bare root type.
    const loaded = new Y.Doc()
    Y.applyUpdate(loaded, Y.encodeStateAsUpdate(writer.doc))
    expect(loaded.share.get(COMMENTS_MAP)).not.toBeInstanceOf(Y.Map)
    const content = readBoardContent(loaded, openRecords(loaded))
    expect(Object.keys(content.maps[COMMENTS_MAP] ?? {})).toEqual(['comment:1'])
  })

  it('copies values: later changes to the document do not alter a read content', () => {
    const { doc, records } = boardWith([card('a', 'vorher')])
    const content = readBoardContent(doc, records)
    records.set('shape:a', card('a', 'nachher') as never)
    expect((content.records.find((r) => r.id === 'shape:a') as { props: { text: string } }).props.text).toBe('vorher')
  })
})

describe('diffBoardContent + applyBoardContentChanges', () => {
  it('brings a mass-deleted board back exactly, in one update to every follower', () => {
    const cards = Array.from({ length: 30 }, (_, i) => card(`c${i}`, `Idee ${i}`, i * 10))
    const { doc, records } = boardWith(cards, { 'comment:1': comment('comment:1', 'shape:c1', 'gut') })
    const saved = readBoardContent(doc, records)
    const { copy, updates } = follower(doc)

    doc.transact(() => {
      for (const c of cards) records.delete(c.id)
      doc.getMap(COMMENTS_MAP).delete('comment:1')
    })
    expect(openRecords(copy).map.size).toBe(2)
    updates.length = 0

    const changes = diffBoardContent(readBoardContent(doc, records), saved)
    expect(changes.records.set).toHaveLength(30)
    expect(changes.records.delete).toEqual([])
    expect(changes.maps[COMMENTS_MAP]?.set).toHaveLength(1)
    applyBoardContentChanges(doc, records, changes)

    expect(updates).toHaveLength(1)
    const restored = readBoardContent(copy, openRecords(copy))
    expect(sameValue(sortById(restored), sortById(saved))).toBe(true)
  })

  it('removes what came after the version and rewrites only what differs', () => {
    const { doc, records } = boardWith([card('a', 'A'), card('b', 'B')])
    const saved = readBoardContent(doc, records)
    doc.transact(() => {
      records.set('shape:b', card('b', 'B geändert') as never)
      records.set('shape:new', card('new', 'neu') as never)
      doc.getMap(COMMENTS_MAP).set('comment:9', comment('comment:9', 'shape:a', 'später'))
    })
    const changes = diffBoardContent(readBoardContent(doc, records), saved)
    expect(changes.records.set.map((r) => r.id)).toEqual(['shape:b'])
    expect(changes.records.delete).toEqual(['shape:new'])
    expect(changes.maps[COMMENTS_MAP]).toEqual({ set: [], delete: ['comment:9'] })
    expect(changeCount(changes)).toBe(3)
    applyBoardContentChanges(doc, records, changes)
    expect(sameValue(sortById(readBoardContent(doc, records)), sortById(saved))).toBe(true)
  })

  it('finds nothing to do when the board already equals the version', () => {
    const { doc, records } = boardWith([card('a', 'A')], { 'comment:1': comment('comment:1', 'shape:a', 'x') })
    const content = readBoardContent(doc, records)
    expect(isEmptyChange(diffBoardContent(content, structuredClone(content)))).toBe(true)
  })

  it('never touches meta, even when a content claims to carry it', () => {
    const { doc, records } = boardWith([])
    const current = readBoardContent(doc, records)
    const target: BoardContent = { ...current, maps: { meta: { schema: 'forged' } } }
    applyBoardContentChanges(doc, records, diffBoardContent(current, target))
    expect(getMetaMap(doc).get('schema')).toEqual(schema.serialize())
  })

  it('a restore is undoable: restoring the content taken before it gives the board back', () => {
    const { doc, records } = boardWith([card('a', 'alt')])
    const version = readBoardContent(doc, records)
    records.set('shape:b', card('b', 'neu') as never)
    const beforeRestore = readBoardContent(doc, records)
    applyBoardContentChanges(doc, records, diffBoardContent(beforeRestore, version))
    expect(records.has('shape:b')).toBe(false)
    applyBoardContentChanges(doc, records, diffBoardContent(readBoardContent(doc, records), beforeRestore))
    expect(records.has('shape:b')).toBe(true)
  })

  it('keeps nested shared types as shared types through a round trip', () => {
    const doc = new Y.Doc()
    const records = openRecords(doc)
    const nested = new Y.Map<unknown>()
    doc.getMap('reactions').set('shape:a', nested)
    nested.set('👍', 3)
    const saved = readBoardContent(doc, records)
    doc.getMap('reactions').delete('shape:a')
    applyBoardContentChanges(doc, records, diffBoardContent(readBoardContent(doc, records), saved))
    const back = doc.getMap('reactions').get('shape:a')
    expect(back).toBeInstanceOf(Y.Map)
    expect((back as Y.Map<unknown>).toJSON()).toEqual({ '👍': 3 })
  })
})

describe('withRecordsRestored', () => {
  it('puts deleted records back without duplicating ones that are present again', () => {
    const content: BoardContent = { schema: null, records: [card('a', 'A')], maps: {} }
    const result = withRecordsRestored(content, [card('a', 'A alt'), card('b', 'B')])
    expect(result.records.map((r) => r.id)).toEqual(['shape:a', 'shape:b'])
    expect((result.records[0] as { props: { text: string } }).props.text).toBe('A')
  })

  it('leaves out a deleted record nested too deep to copy, so the version can still be saved', () => {
    let deep: Record<string, unknown> = {}
    const richText = deep
    for (let i = 0; i < 3000; i++) deep = (deep.a = {}) as Record<string, unknown>
    const broken = { ...card('b', 'B'), props: { richText } } as unknown as TLRecord
    const content: BoardContent = { schema: null, records: [card('a', 'A')], maps: {} }
    const result = withRecordsRestored(content, [broken, card('c', 'C')])
    expect(result.records.map((r) => r.id)).toEqual(['shape:a', 'shape:c'])
    expect(result.omittedRecords).toEqual(['shape:b'])
    expect(() => encodeVersionState(result)).not.toThrow()
  })
})

describe('version state encoding', () => {
  it('round-trips content (with emoji and markup) and is compact', () => {
    const cards = Array.from({ length: 500 }, (_, i) => card(`c${i}`, `<b>Idee</b> ${i} 🌳 مرحبا`, i))
    const { doc, records } = boardWith(cards, { 'comment:1': comment('comment:1', 'shape:c1', 'gut') })
    const content = readBoardContent(doc, records)
    const bytes = encodeVersionState(content)
    expect(decodeVersionState(bytes)).toEqual(content)
    expect(bytes.byteLength).toBeLessThan(JSON.stringify(content).length / 4)
  })

  it('refuses bytes that are not a version state', () => {
    expect(() => decodeVersionState(new Uint8Array([1, 2, 3]))).toThrow()
  })

  it('boardContentToDoc builds a document that reads back the same', () => {
    const { doc, records } = boardWith([card('a', 'A')], { 'comment:1': comment('comment:1', 'shape:a', 'x') })
    const content = readBoardContent(doc, records)
    const rebuilt = boardContentToDoc(content)
    expect(sameValue(sortById(readBoardContent(rebuilt, openRecords(rebuilt))), sortById(content))).toBe(true)
  })
})

function sortById(content: BoardContent): BoardContent {
  return { ...content, records: [...content.records].sort((a, b) => a.id.localeCompare(b.id)) }
}
