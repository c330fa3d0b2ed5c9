import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { BoardRoom, type RoomEvent } from './BoardRoom.ts'
import {
  card,
  clientDoc,
  FakeConnection,
  initialState,
  logger,
  ManualPersistence,
  schema,
} from './roomTestKit.ts'

/**
 * Two instances of one board, with the relay in the test's hands: which instance's persisted
 * update reaches the other, and when, is the test's choice, not the network's.
 */
function instance() {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, initialState)
  const persistence = new ManualPersistence()
  persistence.auto = true
  const room = new BoardRoom('b_1', doc, schema, persistence, { tickMs: 0, awarenessMs: 50, compactEvery: 1000, logger })
  const published: Uint8Array[] = []
  room.onEvent((event: RoomEvent) => {
    if (event.type === 'persisted') published.push(event.update)
  })
  return { room, published }
}

/** A person's tab: applies what its connection received, and sends what its own replica wrote. */
function tab(name: string, role: 'participant' | 'facilitator' = 'participant') {
  const connection = new FakeConnection(name, role)
  const replica = clientDoc()
  const outbox: Uint8Array[] = []
  let read = 0
  replica.doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== connection) outbox.push(update)
  })
  return {
    connection,
    replica,
    /** Applies, in order, every update the room sent since the last call. */
    receive() {
      const messages = connection.syncMessages().filter((m) => m.step !== 0) // not the room's sync step 1
      for (const { payload } of messages.slice(read)) Y.applyUpdate(replica.doc, payload, connection)
      read = messages.length
    },
    /** Sends what the replica wrote since the last call, as live updates. */
    send(room: BoardRoom) {
      for (const update of outbox.splice(0)) room.receive(connection, { kind: 'sync-update', update, live: true })
    },
  }
}

describe('BoardRoom on two instances: moves that cross through the relay', () => {
  const rooms: BoardRoom[] = []
  afterEach(() => rooms.splice(0).forEach((room) => room.destroy()))

  it('three people on two instances move one card at once: the card stays for everyone', async () => {
    const one = instance()
    const two = instance()
    rooms.push(one.room, two.room)
    const moderation = tab('moderation', 'facilitator')
    const ada = tab('ada')
    const ben = tab('ben')
    one.room.addConnection(moderation.connection)
    two.room.addConnection(ada.connection)
    two.room.addConnection(ben.connection)
    // Ben's card, on both instances and in every tab.
    const c = card('user_ben', 'Idee')
    ben.replica.doc.transact(() => ben.replica.records.set(c.id, c))
    ben.send(two.room)
    await two.room.flushSoon()
    for (const update of two.published.splice(0)) one.room.applyRemote(update)
    await one.room.flushSoon()
    for (const t of [moderation, ada, ben]) {
      Y.applyUpdate(t.replica.doc, Y.encodeStateAsUpdate(t === moderation ? one.room.doc : two.room.doc))
      t.receive()
      t.send(t === moderation ? one.room : two.room)
    }
    await Promise.all([one.room.flushSoon(), two.room.flushSoon()])
    for (const t of [moderation, ada, ben]) t.receive()
    expect([moderation, ada, ben].every((t) => t.replica.records.has(c.id))).toBe(true)

    // Moderation (instance one) and Ada (instance two) drag the card at the same moment.
    moderation.replica.doc.transact(() => moderation.replica.records.set(c.id, { ...c, x: 100 }))
    ada.replica.doc.transact(() => ada.replica.records.set(c.id, { ...c, x: 200 }))
    moderation.send(one.room)
    await one.room.flushSoon()
    // Ada's move is applied on instance two; Moderation's arrives through the relay before
    // instance two's next tick. Both deleted Ben's entry; on instance two the relayed delete is
    // already done.
    ada.send(two.room)
    for (const update of one.published.splice(0)) two.room.applyRemote(update)
    await two.room.flushSoon()
    // Ben's tab takes both in and cleans up the entry that lost, as every replica does.
    ben.receive()
    ben.send(two.room)
    ada.receive()
    ada.send(two.room)
    await two.room.flushSoon()
    for (const update of two.published.splice(0)) one.room.applyRemote(update)
    await one.room.flushSoon()
    moderation.receive()
    moderation.send(one.room)
    await one.room.flushSoon()
    for (const update of one.published.splice(0)) two.room.applyRemote(update)
    await two.room.flushSoon()
    for (const t of [ada, ben]) t.receive()

    // A move never deletes: the card is there, on both instances, in every tab and in the store.
    expect(two.room.records.has(c.id)).toBe(true)
    expect(one.room.records.has(c.id)).toBe(true)
    for (const t of [moderation, ada, ben]) expect(t.replica.records.has(c.id)).toBe(true)
  })
})
