import type { IdeaCardShape } from '@pinnwand/shared'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { BoardRoom, RoomEvent } from './BoardRoom.ts'
import { ManualClock } from './ManualClock.ts'
import {
  card,
  clientDoc,
  createTestRoom,
  FakeConnection,
  type ManualPersistence,
  recordsOf,
} from '../../test/helpers/roomTestKit.ts'

describe('BoardRoom: a delete wins over a concurrent move', () => {
  let room: BoardRoom
  let persistence: ManualPersistence
  let events: RoomEvent[] = []
  afterEach(() => room?.destroy())
  function makeRoom() {
    let a: FakeConnection
    let b: FakeConnection
    ;({ room, persistence, events, a, b } = createTestRoom())
    return { a, b }
  }

  /** Alice's card `c`, and a second client that has it too (as after a sync). */
  async function cardOnTwoClients(alice: FakeConnection) {
    persistence.auto = true
    const aliceDoc = clientDoc()
    const c = card('user_a', 'umstritten')
    room.receive(alice, { kind: 'sync-update', update: aliceDoc.write((r) => r.set(c.id, c)) })
    await room.flushSoon()
    const otherDoc = clientDoc()
    Y.applyUpdate(otherDoc.doc, Y.encodeStateAsUpdate(room.doc))
    return { aliceDoc, otherDoc, c }
  }
  const refusedIds = () => events.flatMap((e) => (e.type === 'refused' ? [e.recordId] : []))

  it('refuses a stale move that would bring back a card someone else deleted', async () => {
    const { a } = makeRoom()
    const f = new FakeConnection('f', 'facilitator')
    room.addConnection(f)
    const { aliceDoc, otherDoc, c } = await cardOnTwoClients(a)
    room.receive(f, { kind: 'sync-update', update: otherDoc.write((r) => r.delete(c.id)) })
    // Alice has not seen the delete yet and drags her card.
    room.receive(a, { kind: 'sync-update', update: aliceDoc.write((r) => r.set(c.id, { ...c, x: 300 })) })
    expect(room.records.has(c.id)).toBe(false)
    await room.flushSoon()
    expect(refusedIds()).toEqual([c.id])
    for (const m of a.syncMessages(2)) Y.applyUpdate(aliceDoc.doc, m.payload)
    expect(aliceDoc.records.has(c.id)).toBe(false)
    expect(recordsOf(Y.encodeStateAsUpdate(room.doc)).has(c.id)).toBe(false)
  })

  it('refuses a card another user deleted, also when it comes back in a sync step 2 after offline work', async () => {
    const { a } = makeRoom()
    const f = new FakeConnection('f', 'facilitator')
    room.addConnection(f)
    const { aliceDoc, otherDoc, c } = await cardOnTwoClients(a)
    // Alice's tab moves her card while offline; meanwhile the facilitator deletes it.
    aliceDoc.doc.transact(() => aliceDoc.records.set(c.id, { ...c, x: 700 }))
    room.receive(f, { kind: 'sync-update', update: otherDoc.write((r) => r.delete(c.id)) })
    // Back online: the tab answers the server's sync step 1 with everything it has.
    room.receive(a, { kind: 'sync-update', update: Y.encodeStateAsUpdate(aliceDoc.doc) })
    expect(room.records.has(c.id)).toBe(false)
    expect(refusedIds()).toEqual([c.id])
  })

  it('leaves a card alone when a reloaded tab replays old deletes from its cache', async () => {
    const { a } = makeRoom()
    const { aliceDoc, c } = await cardOnTwoClients(a)
    room.receive(a, { kind: 'sync-update', update: aliceDoc.write((r) => r.set(c.id, { ...c, x: 10 })) })
    room.receive(a, { kind: 'sync-update', update: aliceDoc.write((r) => r.set(c.id, { ...c, x: 20 })) })
    // A new tab loads the cached document (every old delete included) and sends it as an update.
    room.receive(a, { kind: 'sync-update', update: Y.encodeStateAsUpdate(aliceDoc.doc) })
    expect((room.records.get(c.id) as IdeaCardShape | undefined)?.x).toBe(20)
    expect(refusedIds()).toEqual([])
  })

  it('lets the deleter bring the card back (undo)', async () => {
    const { a } = makeRoom()
    const { aliceDoc, c } = await cardOnTwoClients(a)
    room.receive(a, { kind: 'sync-update', update: aliceDoc.write((r) => r.delete(c.id)) })
    room.receive(a, { kind: 'sync-update', update: aliceDoc.write((r) => r.set(c.id, c)) })
    expect(room.records.get(c.id)).toEqual(c)
    expect(refusedIds()).toEqual([])
  })

  it('a stale delete wins over the move it crossed (live update): the card is gone for everyone', async () => {
    const { a, b } = makeRoom()
    const { aliceDoc, otherDoc, c } = await cardOnTwoClients(a)
    // Bob moves Alice's card; Alice, who has not seen the move yet, deletes it.
    room.receive(b, { kind: 'sync-update', update: otherDoc.write((r) => r.set(c.id, { ...c, x: 300 })), live: true })
    expect((room.records.get(c.id) as IdeaCardShape).x).toBe(300)
    room.receive(a, { kind: 'sync-update', update: aliceDoc.write((r) => r.delete(c.id)), live: true })
    expect(room.records.has(c.id)).toBe(false)
    await room.flushSoon()
    expect(recordsOf(Y.encodeStateAsUpdate(room.doc)).has(c.id)).toBe(false)
  })

  it('does not read a sync step 2 (reconnect, cache) as a delete, and not a delete one may not make', async () => {
    const { a, b } = makeRoom()
    const { aliceDoc, otherDoc, c } = await cardOnTwoClients(a)
    room.receive(a, { kind: 'sync-update', update: aliceDoc.write((r) => r.set(c.id, { ...c, x: 300 })), live: true })
    // Bob's stale delete of Alice's card: Bob may not delete it.
    room.receive(b, { kind: 'sync-update', update: otherDoc.write((r) => r.delete(c.id)), live: true })
    expect((room.records.get(c.id) as IdeaCardShape).x).toBe(300)
    // A step 2 carrying an old delete of a replaced entry changes nothing either.
    const replay = clientDoc()
    Y.applyUpdate(replay.doc, Y.encodeStateAsUpdate(otherDoc.doc))
    room.receive(a, { kind: 'sync-update', update: Y.encodeStateAsUpdate(replay.doc), live: false })
    expect((room.records.get(c.id) as IdeaCardShape).x).toBe(300)
  })

  it('remembers a delete in the document: a board loaded again still refuses the stale move', async () => {
    const { a } = makeRoom()
    const f = new FakeConnection('f', 'facilitator')
    room.addConnection(f)
    const { aliceDoc, otherDoc, c } = await cardOnTwoClients(a)
    room.receive(f, { kind: 'sync-update', update: otherDoc.write((r) => r.delete(c.id)), live: true })
    await room.flushSoon()
    // The board unloads and loads again (another instance, or later): only the document is left.
    const saved = Y.encodeStateAsUpdate(room.doc)
    room.destroy()
    ;({ room, persistence, events } = createTestRoom())
    persistence.auto = true
    room.applyDurable(saved)
    const alice = new FakeConnection('a')
    room.addConnection(alice)
    room.receive(alice, {
      kind: 'sync-update',
      update: aliceDoc.write((r) => r.set(c.id, { ...c, x: 999 })),
      live: true,
    })
    expect(room.records.has(c.id)).toBe(false)
  })

  it('across two instances: the delete wins in both orders, and both converge', async () => {
    // Two rooms of the same board that relay persisted updates to each other, like two instances.
    const clock = new ManualClock()
    const one = createTestRoom({ clock })
    const two = createTestRoom({ clock })
    for (const r of [one, two]) r.persistence.auto = true
    const relay = (from: typeof one, to: typeof one) =>
      from.room.onEvent((event) => {
        if (event.type === 'persisted') queueMicrotask(() => to.room.applyRemote(event.update))
      })
    room = one.room
    const aliceDoc = clientDoc()
    const c = card('user_a', 'umstritten')
    one.room.receive(one.a, { kind: 'sync-update', update: aliceDoc.write((r) => r.set(c.id, c)), live: true })
    await Promise.all([one.room.flushSoon(), clock.advance(0)])
    two.room.applyRemote(Y.encodeStateAsUpdate(one.room.doc))
    const bobDoc = clientDoc()
    Y.applyUpdate(bobDoc.doc, Y.encodeStateAsUpdate(two.room.doc))
    relay(one, two)
    relay(two, one)
    // At the same moment: Alice deletes her card on instance one, Bob moves it on instance two.
    one.room.receive(one.a, { kind: 'sync-update', update: aliceDoc.write((r) => r.delete(c.id)), live: true })
    two.room.receive(two.b, {
      kind: 'sync-update',
      update: bobDoc.write((r) => r.set(c.id, { ...c, x: 5 })),
      live: true,
    })
    // A few ticks: each room persists, relays, and takes in what the other relayed.
    for (let i = 0; i < 5; i++) await clock.advance(15)
    expect(one.room.records.has(c.id)).toBe(false)
    expect(two.room.records.has(c.id)).toBe(false)
    two.room.destroy()
  })

  it('two people moving one card at once is not a delete: the clean-up a replica sends changes nothing', async () => {
    const { a, b } = makeRoom()
    const { aliceDoc, otherDoc, c } = await cardOnTwoClients(a)
    // Alice's move is still on its way when Bob's arrives at her tab.
    const aliceMove = aliceDoc.write((r) => r.set(c.id, { ...c, x: 10 }))
    room.receive(b, { kind: 'sync-update', update: otherDoc.write((r) => r.set(c.id, { ...c, x: 20 })), live: true })
    await room.flushSoon()
    // Her tab now holds two entries for the card and deletes the loser in a transaction of its
    // own, which y-websocket sends as a live update after her move.
    const cleanups: Uint8Array[] = []
    const collect = (update: Uint8Array, origin: unknown) => origin !== 'server' && cleanups.push(update)
    aliceDoc.doc.on('update', collect)
    for (const m of a.syncMessages(2)) Y.applyUpdate(aliceDoc.doc, m.payload, 'server')
    aliceDoc.doc.off('update', collect)
    room.receive(a, { kind: 'sync-update', update: aliceMove, live: true })
    for (const update of cleanups) room.receive(a, { kind: 'sync-update', update, live: true })
    expect(room.records.has(c.id)).toBe(true)
  })

  it('the owner’s delete crossing the undo of someone else’s refused delete still deletes the card', async () => {
    const { a, b } = makeRoom()
    const { aliceDoc, otherDoc, c } = await cardOnTwoClients(a)
    // Bob may not delete Alice's card: the room puts it back (as a new entry in the old place).
    room.receive(b, { kind: 'sync-update', update: otherDoc.write((r) => r.delete(c.id)), live: true })
    expect(room.records.get(c.id)).toEqual(c)
    // Alice, who has not seen either yet, deletes her card: the old entry, already replaced.
    room.receive(a, { kind: 'sync-update', update: aliceDoc.write((r) => r.delete(c.id)), live: true })
    expect(room.records.has(c.id)).toBe(false)
  })
})
