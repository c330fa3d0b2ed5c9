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
} from '../../test/helpers/roomTestKit.ts'

/**
 * Two instances of one board, with the relay in the test's hands: which instance's persisted
 * update reaches the other, and when, is the test's choice, not the network's.
 */
function instance() {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, initialState)
  const persistence = new ManualPersistence()
  persistence.auto = true
  const room = new BoardRoom('b_1', doc, schema, persistence, {
    tickMs: 0,
    awarenessMs: 50,
    compactEvery: 1000,
    logger,
  })
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

describe('BoardRoom: writes that cross, and the duplicate clean-ups tabs send after them', () => {
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

  /**
   * Ada's tab gets the put-back before Ben's move of it, holds it next to her own new entry,
   * removes it as YKeyValue's loser and sends that delete. The put-back was already replaced
   * by Ben's move; read as Ada deleting her card, it would delete it for everyone (fuzz seed 51,
   * edit-vs-move). She still holds an entry of her own right of it: a clean-up, not a delete.
   */
  it("an owner's edit that crosses a put-back and a move keeps the card (her clean-up is no delete)", async () => {
    const one = instance()
    rooms.push(one.room)
    const ada = tab('ada')
    const ben = tab('ben')
    one.room.addConnection(ada.connection)
    one.room.addConnection(ben.connection)
    // Ada's card, and a second card after it (so that Ada's next entry lands right of a put-back).
    const c = card('user_ada', 'Idee')
    const other = card('user_ada', 'Noch eine')
    ada.replica.doc.transact(() => ada.replica.records.set(c.id, c))
    ada.replica.doc.transact(() => ada.replica.records.set(other.id, other))
    ada.send(one.room)
    await one.room.flushSoon()
    ada.receive()
    ben.receive()
    // Ben edits Ada's card: refused, put back where its entry stood.
    ben.replica.doc.transact(() => ben.replica.records.set(c.id, { ...c, props: { ...c.props, text: 'Ben war hier' } }))
    ben.send(one.room)
    await one.room.flushSoon()
    ben.receive()
    // Ben now drags the card back into place, replacing the put-back.
    ben.replica.doc.transact(() => ben.replica.records.set(c.id, { ...c, x: 50 }))
    // Ada, who has seen neither, edits her card meanwhile.
    ada.replica.doc.transact(() => ada.replica.records.set(c.id, { ...c, props: { ...c.props, text: 'Idee, besser' } }))
    ben.send(one.room)
    ada.send(one.room)
    await one.room.flushSoon()
    // Ada's tab gets the put-back and Ben's move; it removes the entries that lost, as every
    // replica does, and sends that.
    ada.receive()
    ada.send(one.room)
    await one.room.flushSoon()
    ben.receive()
    ben.send(one.room)
    await one.room.flushSoon()
    ada.receive()

    // Nobody deleted the card: it is there, for the room and both tabs, with one of the two versions.
    expect(one.room.records.has(c.id)).toBe(true)
    expect(ada.replica.records.has(c.id)).toBe(true)
    expect(ben.replica.records.has(c.id)).toBe(true)
  })

  /**
   * The other side of the rule above: an entry of her own that the room removed as a duplicate
   * long ago — and sent her — does not make her later delete a clean-up. Moderation's edit
   * crosses Ada's move (refused: it would undo the edit), the room puts the card back left of
   * Moderation's removed entry; later Moderation deletes the card while Ben moves it (fuzz seed
   * 58). Her delete wins.
   */
  it("a facilitator's delete crossing a move wins, although an entry of hers stands right of the card", async () => {
    const one = instance()
    rooms.push(one.room)
    const moderation = tab('moderation', 'facilitator')
    const ada = tab('ada')
    const ben = tab('ben')
    // Yjs orders concurrent entries by client id: Ada's entry lands right of Moderation's.
    moderation.replica.doc.clientID = 100
    ada.replica.doc.clientID = 200
    ben.replica.doc.clientID = 300
    for (const t of [moderation, ada, ben]) one.room.addConnection(t.connection)
    const c = card('user_moderation', 'Idee')
    moderation.replica.doc.transact(() => moderation.replica.records.set(c.id, c))
    moderation.send(one.room)
    await one.room.flushSoon()
    for (const t of [moderation, ada, ben]) t.receive()

    // Moderation edits while Ada moves: Ada's move would undo the edit, so it is refused.
    moderation.replica.doc.transact(() =>
      moderation.replica.records.set(c.id, { ...c, props: { ...c.props, text: 'Idee, besser' } }),
    )
    ada.replica.doc.transact(() => ada.replica.records.set(c.id, { ...c, x: 40 }))
    moderation.send(one.room)
    ada.send(one.room)
    await one.room.flushSoon()
    for (const t of [moderation, ada, ben]) {
      t.receive()
      t.send(one.room)
    }
    await one.room.flushSoon()
    for (const t of [moderation, ada, ben]) t.receive()
    expect((one.room.records.get(c.id) as typeof c).props.text).toBe('Idee, besser')

    // Now Moderation deletes the card while Ben drags it; Ben's move reaches the room first.
    ben.replica.doc.transact(() =>
      ben.replica.records.set(c.id, { ...(ben.replica.records.get(c.id) as typeof c), x: 90 }),
    )
    moderation.replica.doc.transact(() => moderation.replica.records.delete(c.id))
    ben.send(one.room)
    moderation.send(one.room)
    await one.room.flushSoon()
    for (const t of [moderation, ada, ben]) {
      t.receive()
      t.send(one.room)
    }
    await one.room.flushSoon()
    for (const t of [moderation, ada, ben]) t.receive()

    expect(one.room.records.has(c.id)).toBe(false)
    for (const t of [moderation, ada, ben]) expect(t.replica.records.has(c.id)).toBe(false)
  })
})
