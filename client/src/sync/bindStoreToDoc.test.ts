import { openRecords } from '@pinnwand/shared/boardDocument'
import type { TLRecord, TLShapeId, TLStore } from 'tldraw'
import { describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { bindStoreToDoc, flushBeforeLeaving } from './bindStoreToDoc.ts'
import { createBoardStore } from './createBoardStore.ts'
import { createSeededDoc, ideaCard, PAGE_ID } from './testRecords.ts'

/** store.listen delivers batches asynchronously; wait until they are flushed. */
const flush = () => new Promise((resolve) => setTimeout(resolve, 50))

function bound(doc = createSeededDoc()) {
  const store = createBoardStore()
  const onInvalidRecord = vi.fn()
  const binding = bindStoreToDoc(store, doc, { onInvalidRecord })
  return { doc, store, binding, onInvalidRecord }
}

/** Two replicas that forward every update to each other, like two browsers on one server. */
function connect(a: Y.Doc, b: Y.Doc) {
  a.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== 'from-b') Y.applyUpdate(b, update, 'from-a')
  })
  b.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== 'from-a') Y.applyUpdate(a, update, 'from-b')
  })
}

describe('bindStoreToDoc', () => {
  it('loads the doc into the store and drops records the doc does not have', () => {
    const doc = createSeededDoc()
    const card = ideaCard('Mehr Bänke im Park')
    openRecords(doc).set(card.id, card)
    const store = createBoardStore()
    store.put([{ ...ideaCard('stale local card') }])
    bindStoreToDoc(store, doc)
    const shapes = store.allRecords().filter((r) => r.typeName === 'shape')
    expect(shapes).toEqual([card])
    expect(store.get(PAGE_ID)).toBeDefined()
  })

  it('writes user changes to the doc in one transaction per batch', async () => {
    const { doc, store, binding } = bound()
    // Count Yjs updates (what goes over the wire), not transactions: YKeyValue runs an empty
    // bookkeeping transaction after each change.
    const updates: unknown[] = []
    doc.on('update', (_update: Uint8Array, origin: unknown) => updates.push(origin))
    const a = ideaCard('a')
    const b = ideaCard('b')
    store.put([a, b])
    await flush()
    expect(updates).toEqual([binding.origin])
    const records = openRecords(doc)
    expect(records.get(a.id)).toEqual(a)
    expect(records.get(b.id)).toEqual(b)

    store.update(a.id, (r) => ({ ...r, x: 100 }))
    store.remove([b.id])
    await flush()
    expect((records.get(a.id) as typeof a).x).toBe(100)
    expect(records.has(b.id)).toBe(false)
  })

  it('hands a local edit to the doc in the task that made it, not a frame later', async () => {
    // Under test tldraw tells listeners at once; this makes it wait for a frame, as in a browser.
    const flags = globalThis as { __FORCE_RAF_IN_TESTS__?: boolean }
    flags.__FORCE_RAF_IN_TESTS__ = true
    try {
      const { doc, store } = bound()
      const a = ideaCard('a')
      store.put([a])
      store.update(a.id, (r) => ({ ...r, x: 40 }))
      await Promise.resolve()
      expect(openRecords(doc).get(a.id)).toEqual({ ...a, x: 40 })
    } finally {
      delete flags.__FORCE_RAF_IN_TESTS__
    }
  })

  it('sends nothing of a card taken back in a microtask after its creation (held-back cards)', async () => {
    // catchHeldBackCards removes a card the person's own input made while cards are held back,
    // in a microtask queued during the creating operation: that must run before the send.
    const flags = globalThis as { __FORCE_RAF_IN_TESTS__?: boolean }
    flags.__FORCE_RAF_IN_TESTS__ = true
    try {
      const { doc, store } = bound()
      const updates: unknown[] = []
      doc.on('update', (_update: Uint8Array, origin: unknown) => updates.push(origin))
      const stop = store.sideEffects.registerAfterCreateHandler('shape', (shape) => {
        queueMicrotask(() => store.remove([shape.id]))
      })
      store.put([ideaCard('privat')])
      await flush()
      stop()
      expect(updates).toEqual([])
    } finally {
      delete flags.__FORCE_RAF_IN_TESTS__
    }
  })

  it('hands tldraw’s pending changes to the doc when the page is hidden or left (reload right after typing)', () => {
    // tldraw tells listeners on the next frame (at once under test, so a fake store shows the wiring).
    const calls: string[] = []
    const store = { _flushHistory: vi.fn(() => calls.push('flush')) }
    const stop = flushBeforeLeaving(store as unknown as TLStore, () => calls.push('journal'))
    window.dispatchEvent(new Event('pagehide'))
    window.dispatchEvent(new Event('beforeunload'))
    expect(store._flushHistory).toHaveBeenCalledTimes(2)
    // The unload journal copies the edits only after they reached the doc.
    expect(calls.slice(0, 2)).toEqual(['flush', 'journal'])
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true })
    document.dispatchEvent(new Event('visibilitychange'))
    expect(store._flushHistory).toHaveBeenCalledTimes(3)
    stop()
    window.dispatchEvent(new Event('pagehide'))
    expect(store._flushHistory).toHaveBeenCalledTimes(3)
    Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true })
  })

  it('applies remote adds, updates and deletes to the store without echoing them', async () => {
    const { doc, store, binding } = bound()
    const writer = openRecords(doc)
    const card = ideaCard('remote')
    let updates = 0
    doc.transact(() => writer.set(card.id, card), 'provider')
    doc.on('update', () => updates++)
    binding.applyRemoteNow()
    expect(store.get(card.id)).toEqual(card)

    doc.transact(() => writer.set(card.id, { ...card, x: 42 }), 'provider')
    binding.applyRemoteNow()
    expect((store.get(card.id) as typeof card).x).toBe(42)

    doc.transact(() => writer.delete(card.id), 'provider')
    binding.applyRemoteNow()
    expect(store.get(card.id)).toBeUndefined()
    await flush()
    // Two remote transactions, and nothing written back by the binding.
    expect(updates).toBe(2)
  })

  it('ignores remote values that fail validation and keeps the valid ones', () => {
    const { doc, store, binding, onInvalidRecord } = bound()
    const writer = openRecords(doc)
    const good = ideaCard('good')
    const tooLong = ideaCard('x'.repeat(2001))
    const notARecord = { hello: 'world' } as unknown as TLRecord
    const camera = { id: 'camera:x', typeName: 'camera', x: 0, y: 0, z: 1, meta: {} } as unknown as TLRecord
    doc.transact(() => {
      writer.set(good.id, good)
      writer.set(tooLong.id, tooLong)
      writer.set('shape:junk', notARecord)
      writer.set('camera:x', camera)
    }, 'provider')
    binding.applyRemoteNow()
    expect(store.get(good.id)).toEqual(good)
    expect(store.get(tooLong.id)).toBeUndefined()
    expect(store.has('camera:x' as TLShapeId)).toBe(false)
    expect(onInvalidRecord).toHaveBeenCalledTimes(3)
  })

  it('lets two clients exchange updates and converge', async () => {
    const left = bound()
    const right = bound(new Y.Doc())
    // The right doc starts empty and receives the server's state like a fresh browser.
    Y.applyUpdate(right.doc, Y.encodeStateAsUpdate(left.doc), 'from-a')
    connect(left.doc, right.doc)

    const card = ideaCard('Radweg an der Uni')
    left.store.put([card])
    await flush()
    expect(right.store.get(card.id)).toEqual(card)

    right.store.update(card.id, (r) => ({ ...r, x: 300, y: 120 }))
    await flush()
    expect(left.store.get(card.id)).toMatchObject({ x: 300, y: 120 })

    // Concurrent edits of different cards and a delete: both ends end up identical.
    const other = ideaCard('Repair-Café')
    left.store.put([other])
    right.store.remove([card.id])
    await flush()
    const snapshot = (store: typeof left.store) =>
      store
        .allRecords()
        .filter((r) => store.scopedTypes.document.has(r.typeName))
        .sort((x, y) => x.id.localeCompare(y.id))
    expect(snapshot(left.store)).toEqual(snapshot(right.store))
    expect(left.store.get(card.id)).toBeUndefined()
    expect(left.store.get(other.id)).toBeDefined()
  })

  it('stops syncing after dispose', async () => {
    const { doc, store, binding } = bound()
    binding.dispose()
    const card = ideaCard('after dispose')
    store.put([card])
    await flush()
    expect(openRecords(doc).has(card.id)).toBe(false)
  })
})
