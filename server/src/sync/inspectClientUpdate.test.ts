import { BoardDoc, getRecordsArray, openRecords, type RecordEntry } from '@pinnwand/shared'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { inspectClientUpdate } from './inspectClientUpdate.ts'

/** The update a client would send for `write` on top of an (optionally shared) base document. */
function updateOf(write: (doc: Y.Doc) => void, base?: Y.Doc): Uint8Array {
  const doc = new Y.Doc()
  if (base) Y.applyUpdate(doc, Y.encodeStateAsUpdate(base))
  const before = Y.encodeStateVector(doc)
  write(doc)
  return Y.encodeStateAsUpdate(doc, before)
}

const entry = (key: string): RecordEntry => ({ key, val: { id: key, typeName: 'page', name: key } as never })

describe('inspectClientUpdate', () => {
  it('accepts appending { key, val } entries to records', () => {
    expect(
      inspectClientUpdate(updateOf((doc) => getRecordsArray(doc).push([entry('page:a'), entry('page:b')]))),
    ).toEqual({ ok: true })
  })

  it('accepts what YKeyValue writes for set, overwrite and delete', () => {
    const base = new Y.Doc()
    openRecords(base).set('page:a', entry('page:a').val)
    const overwrite = updateOf(
      (doc) => openRecords(doc).set('page:a', { ...entry('page:a').val, name: 'new' } as never),
      base,
    )
    expect(inspectClientUpdate(overwrite)).toEqual({ ok: true })
    const removal = updateOf((doc) => openRecords(doc).delete('page:a'), base)
    expect(inspectClientUpdate(removal)).toEqual({ ok: true })
  })

  it('accepts an empty update', () => {
    expect(inspectClientUpdate(Y.encodeStateAsUpdate(new Y.Doc()))).toEqual({ ok: true })
  })

  it('refuses writes to another root type', () => {
    const result = inspectClientUpdate(updateOf((doc) => doc.getArray('sneaky').push([{ key: 'a', val: {} }])))
    expect(result).toEqual({ ok: false, reason: 'writes to "sneaky" are not allowed' })
  })

  it('refuses map entries, e.g. in meta', () => {
    const result = inspectClientUpdate(
      updateOf((doc) => doc.getMap(BoardDoc.meta).set(BoardDoc.schemaKey, { hacked: true })),
    )
    expect(result).toMatchObject({ ok: false, reason: expect.stringMatching(/map entries/) })
  })

  it('refuses nested Y.Map and Y.Text inside records', () => {
    const nestedMap = updateOf((doc) => {
      const map = new Y.Map()
      map.set('key', 'shape:x')
      doc.getArray(BoardDoc.records).push([map])
    })
    expect(inspectClientUpdate(nestedMap).ok).toBe(false)
    const nestedText = updateOf((doc) => doc.getArray(BoardDoc.records).push([new Y.Text('hello')]))
    expect(inspectClientUpdate(nestedText)).toMatchObject({ ok: false, reason: expect.stringMatching(/ContentType/) })
  })

  it('refuses text content written under the records name', () => {
    const result = inspectClientUpdate(updateOf((doc) => doc.getText(BoardDoc.records).insert(0, 'hello')))
    expect(result).toMatchObject({ ok: false, reason: expect.stringMatching(/ContentString/) })
  })

  it.each([
    ['a string', 'just text'],
    ['a number', 42],
    ['null', null],
    ['an array', [1, 2]],
    ['a non-string key', { key: 1, val: {} }],
    ['a non-object val', { key: 'shape:a', val: 'x' }],
    ['an array val', { key: 'shape:a', val: [] }],
  ])('refuses records entries that are %s', (_name, value) => {
    const result = inspectClientUpdate(updateOf((doc) => doc.getArray(BoardDoc.records).push([value])))
    expect(result).toEqual({ ok: false, reason: 'records entries must be { key, val } objects' })
  })

  it('refuses one bad entry hidden among good ones', () => {
    const result = inspectClientUpdate(
      updateOf((doc) => getRecordsArray(doc).push([entry('page:a'), 'bad' as never, entry('page:b')])),
    )
    expect(result.ok).toBe(false)
  })

  it.each([
    ['random bytes', new Uint8Array([255, 255, 255, 255, 1, 2, 3])],
    ['a truncated update', updateOf((doc) => getRecordsArray(doc).push([entry('page:a')])).slice(0, 12)],
  ])('refuses %s', (_name, bytes) => {
    expect(inspectClientUpdate(bytes)).toMatchObject({ ok: false })
  })
})
