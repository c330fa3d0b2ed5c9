import { openRecords } from '@pinnwand/shared/boardDocument'
import type { TLRecord } from 'tldraw'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { bindStoreToDoc } from './bindStoreToDoc.ts'
import { createBoardStore } from './createBoardStore.ts'
import { createSeededDoc, ideaCard } from './testRecords.ts'

/** store.listen batches and microtasks: let both run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 50))

/** Every update a doc produces from now on, in order (what its socket would send). */
function outbox(doc: Y.Doc) {
  const updates: Uint8Array[] = []
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== 'wire') updates.push(update)
  })
  return updates
}
const deliver = (updates: Uint8Array[], to: Y.Doc) => {
  for (const update of updates.splice(0)) Y.applyUpdate(to, update, 'wire')
}

/** Ada's tab (a tldraw store bound to her doc) and Bo's replica, both holding Ada's card. */
function setup() {
  const ada = createSeededDoc()
  const card = ideaCard('Mehr Bänke')
  openRecords(ada).set(card.id, card)
  const bo = new Y.Doc()
  Y.applyUpdate(bo, Y.encodeStateAsUpdate(ada))
  const store = createBoardStore()
  bindStoreToDoc(store, ada)
  return { ada, bo, store, card, fromAda: outbox(ada), fromBo: outbox(bo) }
}

describe('keepOwnDeletes: a delete crossing a concurrent move', () => {
  it('deletes the card again when the move arrives after the delete, and everyone converges', async () => {
    const { ada, bo, store, card, fromAda, fromBo } = setup()
    // Bo drags the card while Ada deletes it; neither has seen the other's change.
    openRecords(bo).set(card.id, { ...card, x: 400 } as TLRecord)
    store.remove([card.id])
    await settle()
    // The server got Bo's move first: Ada receives it after her delete.
    deliver(fromBo, ada)
    await settle()
    expect(openRecords(ada).has(card.id)).toBe(false)
    expect(store.has(card.id)).toBe(false)
    // Her delete and the repeated delete reach Bo: the card is gone there too.
    deliver(fromAda, bo)
    expect(openRecords(bo).has(card.id)).toBe(false)
  })

  it('leaves the card when the same value comes back (the server refused the delete)', async () => {
    const { ada, bo, store, card, fromAda } = setup()
    store.remove([card.id])
    await settle()
    deliver(fromAda, bo)
    // The server's compensation: exactly the record as it was.
    const compensation = outbox(bo)
    openRecords(bo).set(card.id, card)
    deliver(compensation, ada)
    await settle()
    expect(openRecords(ada).get(card.id)).toEqual(card)
    expect(store.has(card.id)).toBe(true)
  })

  it("does not interfere with the deleter's own undo", async () => {
    const { ada, store, card } = setup()
    store.remove([card.id])
    await settle()
    store.put([card])
    await settle()
    expect(openRecords(ada).get(card.id)).toEqual(card)
  })
})
