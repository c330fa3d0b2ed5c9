import { CloseCode, openRecords } from '@pinnwand/shared'
import * as encoding from 'lib0/encoding'
import { afterEach, describe, expect, it } from 'vitest'
import type { TLRecord } from '@tldraw/tlschema'
import * as Y from 'yjs'
import type { BoardRoom } from './BoardRoom.ts'
import {
  card,
  clientDoc,
  createTestRoom,
  FakeConnection,
  type ManualPersistence,
} from '../../test/helpers/roomTestKit.ts'

/** A copy of `source` under another client id, as an attacker who read the board would hold it. */
function copyOf(source: Y.Doc, clientID?: number): Y.Doc {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(source))
  // Set afterwards: Yjs gives a doc a new id when remote content arrives under its own.
  if (clientID !== undefined) doc.clientID = clientID
  return doc
}

/** A Yjs (v1) update that only deletes clocks [clock, clock + len) of `client`. */
function deleteOnlyUpdate(client: number, clock: number, len: number): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, 0) // no structs
  encoding.writeVarUint(encoder, 1) // one client in the delete set
  encoding.writeVarUint(encoder, client)
  encoding.writeVarUint(encoder, 1) // one range
  encoding.writeVarUint(encoder, clock)
  encoding.writeVarUint(encoder, len)
  return encoding.toUint8Array(encoder)
}

describe('BoardRoom: nothing runs under someone else’s authority', () => {
  let room: BoardRoom
  let persistence: ManualPersistence
  let victim: FakeConnection
  let attacker: FakeConnection

  afterEach(() => room?.destroy())

  /** The victim has one card on the board and is about to write their next change. */
  function boardWithVictimCard() {
    ;({ room, persistence, a: victim, b: attacker } = createTestRoom())
    persistence.auto = true
    const v = clientDoc()
    const own = card('user_a', 'original text')
    expect(room.receive(victim, { kind: 'sync-update', update: v.write((r) => r.set(own.id, own)) })).toBeNull()
    return { v, own }
  }

  const pending = () => room.doc.store.pendingStructs !== null || room.doc.store.pendingDs !== null

  it('refuses a struct whose origin is the victim’s next clock (it would run inside the victim’s write)', () => {
    const { v, own } = boardWithVictimCard()
    const next = card('user_a', 'next idea')
    const victimNext = v.write((r) => r.set(next.id, next))
    // The attacker guesses the victim's next clock: it builds on a doc that has the victim's next
    // write and sends only its own struct, which rewrites the victim's card.
    const forged = copyOf(v.doc, 4242)
    const before = Y.encodeStateVector(forged)
    openRecords(forged).set(own.id, { ...own, props: { ...own.props, text: 'rewritten by attacker' } })
    const attack = Y.encodeStateAsUpdate(forged, before)

    const verdict = room.receive(attacker, { kind: 'sync-update', update: attack })
    expect(verdict?.closeCode).toBe(CloseCode.incompleteUpdate)
    expect(pending()).toBe(false)

    expect(room.receive(victim, { kind: 'sync-update', update: victimNext })).toBeNull()
    expect(pending()).toBe(false)
    expect(room.records.get(own.id)).toEqual(own)
    expect(room.records.get(next.id)).toEqual(next)
  })

  it('refuses deletes of clocks that do not exist yet (they would delete the victim’s next card)', () => {
    const { v } = boardWithVictimCard()
    const next = card('user_a', 'next idea')
    const victimClock = Y.getState(v.doc.store, v.doc.clientID)
    const verdict = room.receive(attacker, {
      kind: 'sync-update',
      update: deleteOnlyUpdate(v.doc.clientID, victimClock, 5),
    })
    expect(verdict?.closeCode).toBe(CloseCode.incompleteUpdate)
    expect(pending()).toBe(false)
    expect(room.receive(victim, { kind: 'sync-update', update: v.write((r) => r.set(next.id, next)) })).toBeNull()
    expect(room.records.get(next.id)).toEqual(next)
  })

  it('refuses structs whose origin can never exist, so junk cannot pile up', () => {
    boardWithVictimCard()
    const sizeBefore = Y.encodeStateAsUpdate(room.doc).byteLength
    for (let i = 0; i < 20; i++) {
      const junk = new Y.Doc()
      junk.clientID = 7000 + i
      // An item whose left origin is a client the board has never seen.
      const ghost = new Y.Doc()
      ghost.clientID = 99_000 + i
      ghost.getArray('records').push([{ key: 'x', val: {} }])
      Y.applyUpdate(junk, Y.encodeStateAsUpdate(ghost))
      const before = Y.encodeStateVector(junk)
      junk.getArray('records').push([{ key: `shape:junk${i}`, val: { filler: 'x'.repeat(10_000) } }])
      const verdict = room.receive(attacker, { kind: 'sync-update', update: Y.encodeStateAsUpdate(junk, before) })
      expect(verdict?.closeCode).toBe(CloseCode.incompleteUpdate)
    }
    expect(pending()).toBe(false)
    expect(Y.encodeStateAsUpdate(room.doc).byteLength).toBe(sizeBefore)
  })

  it('refuses writes under a client id bound to someone else; the owner’s next write is applied', () => {
    const { v, own } = boardWithVictimCard()
    const next = card('user_a', 'next idea')
    // Same client id as the victim, at the victim's next clock: Yjs would drop the victim's own
    // next write as a duplicate, and the victim's screen would differ from the board for good.
    const impostor = copyOf(v.doc, v.doc.clientID)
    const before = Y.encodeStateVector(impostor)
    const fake = card('user_b', 'mine now')
    openRecords(impostor).set(fake.id, fake)
    const verdict = room.receive(attacker, { kind: 'sync-update', update: Y.encodeStateAsUpdate(impostor, before) })
    expect(verdict?.closeCode).toBe(CloseCode.foreignClientId)
    expect(room.records.get(fake.id)).toBeUndefined()

    expect(room.receive(victim, { kind: 'sync-update', update: v.write((r) => r.set(next.id, next)) })).toBeNull()
    expect(room.records.get(next.id)).toEqual(next)
    expect(room.records.get(own.id)).toEqual(own)
  })

  it('lets the same person continue their client id from a second connection (reconnect)', () => {
    const { v } = boardWithVictimCard()
    const again = new FakeConnection('a') // the same person (user_a), a new socket
    room.addConnection(again)
    const next = card('user_a', 'after reconnect')
    expect(room.receive(again, { kind: 'sync-update', update: v.write((r) => r.set(next.id, next)) })).toBeNull()
    expect(room.records.get(next.id)).toEqual(next)
  })

  it('applies a relayed update only whole; an incomplete one asks for a reload from the store', () => {
    const { v } = boardWithVictimCard()
    const events: string[] = []
    room.onEvent((event) => events.push(event.type))
    const first = v.write((r) => r.set('shape:r1', card('user_a', 'one', 'shape:r1')))
    const second = v.write((r) => r.set('shape:r2', card('user_a', 'two', 'shape:r2')))
    room.applyRemote(second) // its predecessor was lost on the way
    expect(events).toContain('resync-needed')
    expect(pending()).toBe(false)
    expect(room.records.get('shape:r2')).toBeUndefined()
    room.applyDurable(Y.mergeUpdates([first, second])) // what the store holds
    expect(room.records.get('shape:r1')).toBeDefined()
    expect(room.records.get('shape:r2')).toBeDefined()
  })

  it('brings back a participant’s own card deleted with a cluster they may not delete', () => {
    ;({ room, persistence, a: victim } = createTestRoom())
    persistence.auto = true
    const facilitator = new FakeConnection('f', 'facilitator')
    room.addConnection(facilitator)
    const f = clientDoc()
    const cluster = {
      ...card('user_f', ''),
      id: 'shape:cluster1',
      type: 'cluster',
      meta: { createdBy: 'user_f' },
      props: { w: 760, h: 520, title: 'Mobilität', color: 'light-blue' },
    } as unknown as TLRecord
    expect(
      room.receive(facilitator, { kind: 'sync-update', update: f.write((r) => r.set(cluster.id, cluster)) }),
    ).toBeNull()
    const p = clientDoc()
    Y.applyUpdate(p.doc, Y.encodeStateAsUpdate(room.doc))
    const mine = { ...card('user_a', 'meine Idee'), parentId: cluster.id } as unknown as TLRecord
    expect(room.receive(victim, { kind: 'sync-update', update: p.write((r) => r.set(mine.id, mine)) })).toBeNull()
    expect(room.records.get(mine.id)).toBeDefined()
    // tldraw deletes a frame's children with it.
    room.receive(victim, {
      kind: 'sync-update',
      update: p.write((r) => {
        r.delete(mine.id)
        r.delete(cluster.id)
      }),
    })
    expect(room.records.get(cluster.id)).toEqual(cluster)
    expect(room.records.get(mine.id)).toEqual(mine)
  })
})
