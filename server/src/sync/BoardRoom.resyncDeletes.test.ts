import type { IdeaCardShape } from '@pinnwand/shared'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { BoardRoom } from './BoardRoom.ts'
import { card, clientDoc, createTestRoom, FakeConnection, recordsOf } from '../../test/helpers/roomTestKit.ts'

/**
 * A delete made offline reaches the server in a sync step 2, which also carries every delete
 * the tab ever saw. It must still win over the move or the restore it crossed (issues 12 and
 * 21, fuzz seed 602), and an old delete replayed by a tab that knew the newer entry must not.
 */
describe('BoardRoom: an offline delete (sync step 2) wins over what it crossed', () => {
  let room: BoardRoom
  afterEach(() => room?.destroy())

  /** Alice's card on the board and in her tab, and a second tab (Bob's) that has it too. */
  async function setUp() {
    const made = createTestRoom()
    room = made.room
    made.persistence.auto = true
    const aliceDoc = clientDoc()
    const c = card('user_a', 'offline gelöscht')
    room.receive(made.a, { kind: 'sync-update', update: aliceDoc.write((r) => r.set(c.id, c)), live: true })
    await room.flushSoon()
    const bobDoc = clientDoc()
    Y.applyUpdate(bobDoc.doc, Y.encodeStateAsUpdate(room.doc))
    return { ...made, aliceDoc, bobDoc, c }
  }

  /** The facilitator, from the second tab, moves Alice's card to `x` (a live update). */
  function facilitatorMoves(tab: ReturnType<typeof clientDoc>, c: IdeaCardShape, x: number) {
    const f = new FakeConnection('f', 'facilitator')
    room.addConnection(f)
    room.receive(f, { kind: 'sync-update', update: tab.write((r) => r.set(c.id, { ...c, x })), live: true })
  }

  /** Alice's tab reconnects as y-websocket does: sync step 1, then its answer to ours. */
  function reconnect(aliceDoc: ReturnType<typeof clientDoc>) {
    const alice = new FakeConnection('a')
    room.addConnection(alice)
    room.receive(alice, { kind: 'sync-step1', stateVector: Y.encodeStateVector(aliceDoc.doc) })
    const update = Y.encodeStateAsUpdate(aliceDoc.doc, Y.encodeStateVector(room.doc))
    room.receive(alice, { kind: 'sync-update', update, live: false })
    return alice
  }

  it('a move by the facilitator while Alice deleted her card offline: the card is gone', async () => {
    const { aliceDoc, bobDoc, c } = await setUp()
    facilitatorMoves(bobDoc, c, 400)
    aliceDoc.doc.transact(() => aliceDoc.records.delete(c.id))
    reconnect(aliceDoc)
    expect(room.records.has(c.id)).toBe(false)
    await room.flushSoon()
    expect(recordsOf(Y.encodeStateAsUpdate(room.doc)).has(c.id)).toBe(false)
  })

  it('a refused change by someone else while Alice deleted offline: the put-back card does not return (seed 602)', async () => {
    const { b, aliceDoc, bobDoc, c } = await setUp()
    // Bob may not change Alice's card: the room puts it back as a new entry in the old place.
    const rewritten = { ...c, props: { ...c.props, text: 'gekapert' } }
    room.receive(b, { kind: 'sync-update', update: bobDoc.write((r) => r.set(c.id, rewritten)), live: true })
    expect(room.records.get(c.id)).toEqual(c)
    aliceDoc.doc.transact(() => aliceDoc.records.delete(c.id))
    reconnect(aliceDoc)
    expect(room.records.has(c.id)).toBe(false)
  })

  it('a tab that saw the move replays its old delete: nothing happens', async () => {
    const { aliceDoc, bobDoc, c } = await setUp()
    facilitatorMoves(bobDoc, c, 400)
    await room.flushSoon()
    // Alice's tab received the move (its delete set now holds the replaced entry), then reloads.
    Y.applyUpdate(aliceDoc.doc, Y.encodeStateAsUpdate(room.doc))
    reconnect(aliceDoc)
    expect((room.records.get(c.id) as IdeaCardShape).x).toBe(400)
  })

  it('two people moved the card at once and one reconnects: not a delete', async () => {
    const { aliceDoc, bobDoc, c } = await setUp()
    const f = new FakeConnection('f', 'facilitator')
    room.addConnection(f)
    const aliceMove = aliceDoc.write((r) => r.set(c.id, { ...c, x: 10 }))
    room.receive(f, { kind: 'sync-update', update: bobDoc.write((r) => r.set(c.id, { ...c, x: 20 })), live: true })
    await room.flushSoon()
    // Alice's move reached the server before she dropped off; Bob's never reached her.
    const alice = new FakeConnection('a')
    room.addConnection(alice)
    room.receive(alice, { kind: 'sync-update', update: aliceMove, live: true })
    await room.flushSoon()
    reconnect(aliceDoc)
    expect(room.records.has(c.id)).toBe(true)
  })

  it('a delete Alice may not make stays refused, also offline', async () => {
    const { aliceDoc, bobDoc, c } = await setUp()
    const bobCard = card('user_b', 'Bobs Karte')
    const bob = new FakeConnection('b')
    room.addConnection(bob)
    room.receive(bob, { kind: 'sync-update', update: bobDoc.write((r) => r.set(bobCard.id, bobCard)), live: true })
    await room.flushSoon()
    Y.applyUpdate(aliceDoc.doc, Y.encodeStateAsUpdate(room.doc))
    room.receive(bob, {
      kind: 'sync-update',
      update: bobDoc.write((r) => r.set(bobCard.id, { ...bobCard, x: 77 })),
      live: true,
    })
    aliceDoc.doc.transact(() => aliceDoc.records.delete(bobCard.id))
    reconnect(aliceDoc)
    expect((room.records.get(bobCard.id) as IdeaCardShape | undefined)?.x).toBe(77)
    expect(room.records.has(c.id)).toBe(true)
  })

  it('without a sync step 1 on the connection, a step 2 is not read as a delete', async () => {
    const { aliceDoc, bobDoc, c } = await setUp()
    facilitatorMoves(bobDoc, c, 400)
    aliceDoc.doc.transact(() => aliceDoc.records.delete(c.id))
    const alice = new FakeConnection('a')
    room.addConnection(alice)
    room.receive(alice, { kind: 'sync-update', update: Y.encodeStateAsUpdate(aliceDoc.doc), live: false })
    expect((room.records.get(c.id) as IdeaCardShape).x).toBe(400)
  })

  it('the move came through the relay from another instance: the offline delete still wins', async () => {
    const { aliceDoc, bobDoc, c } = await setUp()
    // The same board on a second instance, where the facilitator moves the card.
    const other = createTestRoom()
    other.persistence.auto = true
    other.room.applyRemote(Y.encodeStateAsUpdate(room.doc))
    other.room.onEvent((event) => {
      if (event.type === 'persisted') room.applyRemote(event.update)
    })
    const f = new FakeConnection('f', 'facilitator')
    other.room.addConnection(f)
    other.room.receive(f, {
      kind: 'sync-update',
      update: bobDoc.write((r) => r.set(c.id, { ...c, x: 400 })),
      live: true,
    })
    await other.room.flushSoon()
    await room.flushSoon()
    expect((room.records.get(c.id) as IdeaCardShape).x).toBe(400)
    aliceDoc.doc.transact(() => aliceDoc.records.delete(c.id))
    reconnect(aliceDoc)
    expect(room.records.has(c.id)).toBe(false)
    other.room.destroy()
  })

  it('the board unloaded and loaded again meanwhile: the offline delete still wins', async () => {
    const { aliceDoc, bobDoc, c } = await setUp()
    facilitatorMoves(bobDoc, c, 400)
    // Everyone leaves; the board is flushed, compacted and unloaded, then loaded again.
    await room.flushAndCompact()
    const saved = Y.encodeStateAsUpdate(room.doc)
    room.destroy()
    const again = createTestRoom()
    room = again.room
    again.persistence.auto = true
    room.applyDurable(saved)
    room.restoreReplaced()
    expect((room.records.get(c.id) as IdeaCardShape).x).toBe(400)
    aliceDoc.doc.transact(() => aliceDoc.records.delete(c.id))
    reconnect(aliceDoc)
    expect(room.records.has(c.id)).toBe(false)
    // The saved memory is read once: the map is empty again.
    expect(room.doc.getMap('replaced').size).toBe(0)
  })

  it('a reloaded page that connected before its offline cache loaded: its cached deletes are not its own', async () => {
    const { aliceDoc, bobDoc, c } = await setUp()
    facilitatorMoves(bobDoc, c, 400)
    await room.flushSoon()
    // Alice's tab saw the move (so its cache deleted the old entry), then reloads: the socket
    // says "I know nothing" before the cache is read, and answers with the cache's content.
    Y.applyUpdate(aliceDoc.doc, Y.encodeStateAsUpdate(room.doc))
    const alice = new FakeConnection('a')
    room.addConnection(alice)
    room.receive(alice, { kind: 'sync-step1', stateVector: Y.encodeStateVector(new Y.Doc()) })
    const update = Y.encodeStateAsUpdate(aliceDoc.doc, Y.encodeStateVector(room.doc))
    room.receive(alice, { kind: 'sync-update', update, live: false })
    expect((room.records.get(c.id) as IdeaCardShape).x).toBe(400)
  })
})
