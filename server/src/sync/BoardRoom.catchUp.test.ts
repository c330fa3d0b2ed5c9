import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { CloseCode, getDeletesMap } from '@pinnwand/shared'
import { BoardRoom } from './BoardRoom.ts'
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
 * Two instances behind a load balancer: a tab that reconnects to the other instance syncs what
 * the first one sent it — its server's entries in the `deletes` map included — and the relay
 * may not have brought those there yet. The room must catch up from the store and accept the
 * honest tab (fuzz, two instances, seed 55 under load: the tab was closed with 4422), while a
 * forged map entry is still refused.
 */
describe('BoardRoom: a tab that comes from another instance', () => {
  const rooms: BoardRoom[] = []
  afterEach(() => rooms.splice(0).forEach((room) => room.destroy()))

  function instance(catchUp?: (room: BoardRoom) => void) {
    const doc = new Y.Doc()
    Y.applyUpdate(doc, initialState)
    const persistence = new ManualPersistence()
    persistence.auto = true
    let room: BoardRoom | null = null
    if (catchUp) persistence.catchUp = async () => catchUp(room!)
    room = new BoardRoom('b_1', doc, schema, persistence, {
      tickMs: 5,
      awarenessMs: 50,
      compactEvery: 1000,
      logger,
    })
    rooms.push(room)
    return room
  }

  /** Instance A deleted Alice's card on the facilitator's word; Alice's tab saw it; B did not. */
  async function deletedOnA(withCatchUp: boolean) {
    const a = instance()
    const caughtUp: string[] = []
    const b = instance(
      withCatchUp
        ? (room) => {
            caughtUp.push('store')
            room.applyDurable(Y.encodeStateAsUpdate(a.doc))
          }
        : undefined,
    )
    const alice = clientDoc()
    const c = card('user_alice', 'Trinkbrunnen')
    const onA = new FakeConnection('alice')
    a.addConnection(onA)
    a.receive(onA, { kind: 'sync-update', update: alice.write((r) => r.set(c.id, c)), live: true })
    await a.flushSoon()
    b.applyRemote(Y.encodeStateAsUpdate(a.doc))
    expect(b.records.has(c.id)).toBe(true)

    const facilitatorTab = clientDoc()
    Y.applyUpdate(facilitatorTab.doc, Y.encodeStateAsUpdate(a.doc))
    const f = new FakeConnection('f', 'facilitator')
    a.addConnection(f)
    a.receive(f, { kind: 'sync-update', update: facilitatorTab.write((r) => r.delete(c.id)), live: true })
    await a.flushSoon()
    // A's server wrote the delete down (a map entry under its own client id); Alice's tab has it.
    expect(getDeletesMap(a.doc).has(c.id)).toBe(true)
    Y.applyUpdate(alice.doc, Y.encodeStateAsUpdate(a.doc))
    return { a, b, c, alice, caughtUp }
  }

  /**
   * Alice's tab reconnects to B as y-websocket does: sync step 1, then its answer to ours. A
   * verdict the room returns at once is carried out as the gateway does (closing the socket).
   */
  function reconnectTo(room: BoardRoom, tab: ReturnType<typeof clientDoc>, update?: Uint8Array) {
    const alice = new FakeConnection('alice')
    room.addConnection(alice)
    room.receive(alice, { kind: 'sync-step1', stateVector: Y.encodeStateVector(tab.doc) })
    const answer = update ?? Y.encodeStateAsUpdate(tab.doc, Y.encodeStateVector(room.doc))
    const verdict = room.receive(alice, { kind: 'sync-update', update: answer, live: false })
    if (verdict) alice.close(verdict.closeCode, verdict.reason)
    return alice
  }

  it('is accepted after the room caught up from the store; the delete stands there too', async () => {
    const { b, c, alice, caughtUp } = await deletedOnA(true)
    const connection = reconnectTo(b, alice)
    await b.flushSoon()
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(connection.closes).toEqual([])
    expect(caughtUp).toEqual(['store'])
    expect(b.records.has(c.id)).toBe(false)
    expect(getDeletesMap(b.doc).has(c.id)).toBe(true)
  })

  it('without a store to catch up from (one instance), the same update closes the tab', async () => {
    const { b, alice } = await deletedOnA(false)
    const connection = reconnectTo(b, alice)
    expect(connection.closes.map((close) => close.code)).toEqual([CloseCode.forbiddenWrite])
  })

  it('a forged map entry is refused after the catch-up, and nothing of it is applied', async () => {
    const { b, caughtUp } = await deletedOnA(true)
    const forger = new Y.Doc()
    Y.applyUpdate(forger, Y.encodeStateAsUpdate(b.doc))
    const before = Y.encodeStateVector(forger)
    getDeletesMap(forger).set('shape:erfunden', { at: 1, by: 'user_alice' } as never)
    const forged = Y.encodeStateAsUpdate(forger, before)
    const connection = reconnectTo(b, clientDoc(), forged)
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(caughtUp).toEqual(['store'])
    expect(connection.closes.map((close) => close.code)).toEqual([CloseCode.forbiddenWrite])
    expect(getDeletesMap(b.doc).has('shape:erfunden')).toBe(false)
  })
})
