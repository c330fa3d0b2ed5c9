import { openRecords } from '@pinnwand/shared/boardDocument'
import { HistoryManager, type TLRecord, type TLStore } from 'tldraw'
import { describe, expect, it, onTestFinished, vi } from 'vitest'
import * as Y from 'yjs'
import { bindStoreToDoc, nextFrame, type ScheduleApply } from './bindStoreToDoc.ts'
import { createBoardStore } from './createBoardStore.ts'
import { createSeededDoc, ideaCard } from './testRecords.ts'

/** store.listen hands local changes to the doc on tldraw's next frame; let it run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 50))

/** Frames the test runs by hand: remote changes wait until `frame()`. */
function manualFrames() {
  let queued: (() => void) | null = null
  const schedule: ScheduleApply = vi.fn((apply: () => void) => {
    queued = apply
    return () => {
      if (queued === apply) queued = null
    }
  })
  return {
    schedule,
    frame() {
      const apply = queued
      queued = null
      apply?.()
    },
    get waiting() {
      return queued !== null
    },
  }
}

/** A store bound to a seeded doc, with a second replica ("the server") that sends it updates. */
function setup() {
  const doc = createSeededDoc()
  const server = new Y.Doc()
  Y.applyUpdate(server, Y.encodeStateAsUpdate(doc))
  // What the server sends reaches the tab as its own Yjs transactions, one per message.
  server.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== 'from-tab') Y.applyUpdate(doc, update, 'provider')
  })
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== 'provider') Y.applyUpdate(server, update, 'from-tab')
  })
  const frames = manualFrames()
  const store = createBoardStore()
  const onInvalidRecord = vi.fn()
  const binding = bindStoreToDoc(store, doc, { scheduleApply: frames.schedule, onInvalidRecord })
  return { doc, server, remote: openRecords(server), store, frames, binding, onInvalidRecord }
}

const documentRecords = (store: TLStore) =>
  store
    .allRecords()
    .filter((record) => store.scopedTypes.document.has(record.typeName))
    .sort((a, b) => a.id.localeCompare(b.id))
const docRecords = (doc: Y.Doc) =>
  [...openRecords(doc).map.values()].map((entry) => entry.val).sort((a, b) => a.id.localeCompare(b.id))

describe('bindStoreToDoc: remote changes once per frame', () => {
  it('applies a frame’s remote messages in one store change, in their order', () => {
    const { remote, store, frames } = setup()
    const a = ideaCard('a')
    const b = ideaCard('b')
    const merges = vi.spyOn(store, 'mergeRemoteChanges')
    remote.set(a.id, a)
    remote.set(a.id, { ...a, x: 10 })
    remote.set(b.id, b)
    remote.set(a.id, { ...a, x: 20, props: { ...a.props, text: 'a, zweite Fassung' } })
    // Four messages, one scheduled frame, nothing applied before it.
    expect(frames.schedule).toHaveBeenCalledTimes(1)
    expect(store.has(a.id)).toBe(false)
    frames.frame()
    expect(merges).toHaveBeenCalledTimes(1)
    expect(store.get(a.id)).toMatchObject({ x: 20, props: { text: 'a, zweite Fassung' } })
    expect(store.get(b.id)).toEqual(b)
    // The next message schedules the next frame.
    remote.set(b.id, { ...b, y: 5 })
    expect(frames.waiting).toBe(true)
    frames.frame()
    expect(store.get(b.id)).toMatchObject({ y: 5 })
    expect(merges).toHaveBeenCalledTimes(2)
  })

  it('folds an update and a delete of one record in one frame into its final state', () => {
    const { remote, store, frames } = setup()
    const kept = ideaCard('kommt wieder')
    const gone = ideaCard('geht')
    remote.set(kept.id, kept)
    remote.set(gone.id, gone)
    frames.frame()
    // Update then delete: gone. Delete then write again: there, with the last value.
    remote.set(gone.id, { ...gone, x: 99 })
    remote.delete(gone.id)
    remote.delete(kept.id)
    remote.set(kept.id, { ...kept, x: 7 })
    // Added and deleted within the frame: never shown.
    const flash = ideaCard('nur kurz')
    remote.set(flash.id, flash)
    remote.delete(flash.id)
    frames.frame()
    expect(store.has(gone.id)).toBe(false)
    expect(store.get(kept.id)).toMatchObject({ x: 7 })
    expect(store.has(flash.id)).toBe(false)
  })

  it('keeps a local edit made while remote changes wait, and store and doc agree', async () => {
    // tldraw hands local changes to listeners at once under test; here they must wait for a
    // real frame as in the browser, so that they are still pending when remote changes apply.
    const global = globalThis as { __FORCE_RAF_IN_TESTS__?: boolean }
    global.__FORCE_RAF_IN_TESTS__ = true
    onTestFinished(() => void (global.__FORCE_RAF_IN_TESTS__ = false))
    const { doc, server, remote, store, frames } = setup()
    const card = ideaCard('Radweg')
    const other = ideaCard('Bänke')
    remote.set(card.id, card)
    remote.set(other.id, other)
    frames.frame()
    // A remote move waits for the frame; meanwhile this tab types into the same card and moves
    // another one (tldraw has not handed either to the doc yet).
    remote.set(card.id, { ...card, x: 300 })
    store.update(
      card.id,
      (record) =>
        ({ ...record, props: { ...(record as typeof card).props, text: 'Radweg, beleuchtet' } }) as typeof record,
    )
    store.update(other.id, (record) => ({ ...record, y: 50 }))
    expect(openRecords(doc).get(card.id)).toMatchObject({ x: 300 }) // the local edit still waits
    frames.frame()
    // Whole records are last-writer-wins: the local write came last, so its value stands —
    // in the store, in the tab's doc and on the server, not the store showing one thing and
    // the doc another.
    expect(store.get(card.id)).toMatchObject({ x: 0, props: { text: 'Radweg, beleuchtet' } })
    expect(store.get(other.id)).toMatchObject({ y: 50 })
    await settle()
    expect(documentRecords(store)).toEqual(docRecords(doc))
    expect(docRecords(server)).toEqual(docRecords(doc))
    // A remote change that comes after the local one wins in turn.
    remote.set(card.id, { ...(remote.get(card.id) as TLRecord), x: 500 } as TLRecord)
    frames.frame()
    expect(store.get(card.id)).toMatchObject({ x: 500, props: { text: 'Radweg, beleuchtet' } })
  })

  it('writes nothing back for applied remote changes (no echo)', () => {
    const { doc, remote, frames } = setup()
    const sent: unknown[] = []
    doc.on('update', (_update: Uint8Array, origin: unknown) => {
      if (origin !== 'provider') sent.push(origin)
    })
    const card = ideaCard('nur lesen')
    remote.set(card.id, card)
    remote.set(card.id, { ...card, x: 1 })
    frames.frame()
    return settle().then(() => expect(sent).toEqual([]))
  })

  it('undo after a remote batch takes back only the local change', async () => {
    const { doc, remote, store, frames } = setup()
    const history = new HistoryManager({ store })
    const mine = ideaCard('meine Idee')
    const theirs = ideaCard('ihre Idee')
    remote.set(theirs.id, theirs)
    frames.frame()
    store.put([mine])
    await settle()
    // Remote edits arrive in one batch, touching their card and mine (someone moves mine).
    remote.set(theirs.id, { ...theirs, props: { ...theirs.props, text: 'ihre Idee, ergänzt' } })
    remote.set(mine.id, { ...mine, x: 120 })
    frames.frame()
    history.undo()
    await settle()
    // My card is gone (the undo), their edit stays; the doc follows the store.
    expect(store.has(mine.id)).toBe(false)
    expect(store.get(theirs.id)).toMatchObject({ props: { text: 'ihre Idee, ergänzt' } })
    expect(openRecords(doc).has(mine.id)).toBe(false)
    expect(documentRecords(store)).toEqual(docRecords(doc))
    history.dispose()
  })

  it('skips bad records in a batch and applies the rest', () => {
    const { remote, store, frames, onInvalidRecord } = setup()
    const good = ideaCard('gut')
    const wrongId = ideaCard('falsche id')
    remote.set(good.id, good)
    remote.set('shape:other', wrongId)
    remote.set('shape:script', { ...ideaCard('<script>alert(1)</script>'), props: { text: 5 } } as unknown as TLRecord)
    frames.frame()
    expect(store.get(good.id)).toEqual(good)
    expect(store.has('shape:other' as TLRecord['id'])).toBe(false)
    expect(store.has('shape:script' as TLRecord['id'])).toBe(false)
    expect(onInvalidRecord).toHaveBeenCalledTimes(2)
  })

  it('drops waiting changes on dispose', () => {
    const { remote, store, frames, binding } = setup()
    const card = ideaCard('zu spät')
    remote.set(card.id, card)
    binding.dispose()
    frames.frame()
    expect(store.has(card.id)).toBe(false)
  })
})

describe('nextFrame', () => {
  it('runs once on the next animation frame', async () => {
    const apply = vi.fn()
    nextFrame(apply)
    await new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)))
    await settle()
    expect(apply).toHaveBeenCalledTimes(1)
  })

  it('runs on a timer when no frame comes (a hidden tab), once', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const raf = vi.spyOn(globalThis, 'requestAnimationFrame').mockImplementation(() => 0)
    try {
      const apply = vi.fn()
      nextFrame(apply)
      vi.advanceTimersByTime(1000)
      expect(apply).toHaveBeenCalledTimes(1)
    } finally {
      raf.mockRestore()
      vi.useRealTimers()
    }
  })

  it('does not run when cancelled', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'requestAnimationFrame', 'cancelAnimationFrame'] })
    try {
      const apply = vi.fn()
      nextFrame(apply)()
      vi.advanceTimersByTime(1000)
      expect(apply).not.toHaveBeenCalled()
    } finally {
      vi.useRealTimers()
    }
  })
})
