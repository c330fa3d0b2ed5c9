import { BOARD_STATE_MESSAGE, openRecords } from '@pinnwand/shared'
import * as decoding from 'lib0/decoding'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { BoardRoom, RoomEvent } from './BoardRoom.ts'
import { ManualClock } from './ManualClock.ts'
import { encodeSyncStep1 } from './messages.ts'
import {
  card,
  clientDoc,
  containsText,
  createTestRoom,
  FakeConnection,
  type ManualPersistence,
  recordsOf,
  schema,
  until,
} from '../../test/helpers/roomTestKit.ts'

describe('BoardRoom', () => {
  let room: BoardRoom
  let persistence: ManualPersistence
  let events: RoomEvent[] = []

  function makeRoom(options: { tickMs?: number; compactEvery?: number; clock?: ManualClock } = {}) {
    let a: FakeConnection
    let b: FakeConnection
    ;({ room, persistence, events, a, b } = createTestRoom(options))
    return { a, b }
  }

  afterEach(() => room?.destroy())

  it('sends its state vector (sync step 1) to a new connection at once', () => {
    const { a } = makeRoom()
    expect(a.syncMessages(0)).toHaveLength(1)
  })

  it('merges several updates of one tick into ONE append and ONE broadcast per connection', async () => {
    const { a, b } = makeRoom({ tickMs: 30 })
    persistence.auto = true
    const client = clientDoc()
    const cards = [card('user_a', 'eins'), card('user_a', 'zwei'), card('user_a', 'drei')]
    for (const c of cards)
      expect(room.receive(a, { kind: 'sync-update', update: client.write((r) => r.set(c.id, c)) })).toBeNull()
    await room.flushSoon()
    expect(persistence.log).toHaveLength(1)
    for (const connection of [a, b]) {
      const updates = connection.syncMessages(2)
      expect(updates).toHaveLength(1)
      // The broadcast is exactly what was persisted.
      expect(updates[0]!.payload).toEqual(persistence.log[0])
    }
    const persisted = recordsOf(persistence.log[0]!)
    for (const c of cards) expect(persisted.get(c.id)).toEqual(c)
  })

  it('flushes the first update after a quiet window at once, and batches the rest of the window', async () => {
    const clock = new ManualClock()
    const { a } = makeRoom({ tickMs: 400, clock })
    persistence.auto = true
    const client = clientDoc()
    room.receive(a, {
      kind: 'sync-update',
      update: client.write((r) => r.set('shape:eins', card('user_a', 'eins', 'shape:eins'))),
    })
    // The leading edge: out without any time passing.
    await clock.advance(0)
    expect(persistence.log).toHaveLength(1)
    // Within the window: these two wait for its end and go out together.
    const later = ['zwei', 'drei'].map((text) => card('user_a', text))
    for (const c of later) room.receive(a, { kind: 'sync-update', update: client.write((r) => r.set(c.id, c)) })
    await clock.advance(399)
    expect(persistence.log).toHaveLength(1)
    await clock.advance(1)
    expect(persistence.log).toHaveLength(2)
    const first = recordsOf(persistence.log[0]!)
    const both = recordsOf(Y.mergeUpdates(persistence.log))
    for (const c of later) {
      expect(first.has(c.id)).toBe(false)
      expect(both.get(c.id)).toEqual(c)
    }
  })

  it('broadcasts nothing before the append has resolved', async () => {
    const { a, b } = makeRoom()
    const client = clientDoc()
    const c = card('user_a', 'wartet')
    room.receive(a, { kind: 'sync-update', update: client.write((r) => r.set(c.id, c)) })
    await until(() => persistence.attempts.length === 1, 'append attempt')
    // The tick has run and the store is "writing": give the event loop several turns.
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve))
    expect(a.syncMessages(2)).toHaveLength(0)
    expect(b.syncMessages(2)).toHaveLength(0)
    persistence.attempts[0]!.resolve()
    await until(() => b.syncMessages(2).length === 1, 'broadcast after append')
    expect(recordsOf(b.syncMessages(2)[0]!.payload).get(c.id)).toEqual(c)
  })

  it('retries a failed append half a second later and broadcasts only after it succeeded', async () => {
    const clock = new ManualClock()
    const { a, b } = makeRoom({ clock })
    const client = clientDoc()
    const c = card('user_a', 'nochmal')
    room.receive(a, { kind: 'sync-update', update: client.write((r) => r.set(c.id, c)) })
    const flushed = room.flushSoon()
    await clock.advance(0)
    expect(persistence.attempts).toHaveLength(1)
    persistence.attempts[0]!.reject(new Error('disk full'))
    await clock.advance(499)
    expect(persistence.attempts).toHaveLength(1)
    await clock.advance(1)
    expect(persistence.attempts).toHaveLength(2)
    expect(b.syncMessages(2)).toHaveLength(0)
    expect(persistence.log).toHaveLength(0)
    // The retry carries the same content.
    expect(recordsOf(persistence.attempts[1]!.update).get(c.id)).toEqual(c)
    persistence.attempts[1]!.resolve()
    await flushed
    expect(persistence.log).toHaveLength(1)
    expect(a.syncMessages(2)).toHaveLength(1)
    expect(b.syncMessages(2)).toHaveLength(1)
  })

  it('tells state subscribers while it cannot store, and again once it can', async () => {
    const clock = new ManualClock()
    const { a } = makeRoom({ clock })
    const watcher = Object.assign(new FakeConnection('w', 'facilitator'), { wantsState: true })
    room.addConnection(watcher)
    const storageStates = () =>
      watcher.sent.flatMap((bytes) => {
        const d = decoding.createDecoder(bytes)
        if (decoding.readVarUint(d) !== BOARD_STATE_MESSAGE) return []
        return [(JSON.parse(decoding.readVarString(d)) as { storage?: string }).storage ?? 'none']
      })
    const client = clientDoc()
    const c = card('user_a', 'später')
    room.receive(a, { kind: 'sync-update', update: client.write((r) => r.set(c.id, c)) })
    const flushed = room.flushSoon()
    await clock.advance(0)
    persistence.attempts[0]!.reject(new Error('connection terminated'))
    await clock.advance(0)
    expect(storageStates()).toContain('unavailable')
    await clock.advance(500)
    expect(persistence.attempts).toHaveLength(2)
    persistence.attempts[1]!.resolve()
    await flushed
    expect(storageStates()).toEqual(['none', 'unavailable', 'ok'])
  })

  it('reverts a refused change; neither the log nor the broadcast contains the refused text', async () => {
    const { a, b } = makeRoom()
    persistence.auto = true
    const client = clientDoc()
    const secret = `GEHEIM-${'x'.repeat(2990)}`
    const good = card('user_a', 'erlaubt')
    const bad = card('user_a', secret)
    const forged = card('user_someone_else', 'FREMDER-AUTOR')
    room.receive(a, { kind: 'sync-update', update: client.write((r) => r.set(good.id, good)) })
    room.receive(a, { kind: 'sync-update', update: client.write((r) => r.set(bad.id, bad)) })
    room.receive(a, { kind: 'sync-update', update: client.write((r) => r.set(forged.id, forged)) })
    expect(room.records.has(bad.id)).toBe(false)
    expect(room.records.has(forged.id)).toBe(false)
    await room.flushSoon()

    const refused = events.filter((e) => e.type === 'refused').map((e) => (e as { recordId: string }).recordId)
    expect(refused.sort()).toEqual([bad.id, forged.id].sort())
    for (const bytes of [...persistence.log, ...b.syncMessages(2).map((m) => m.payload)]) {
      expect(containsText(bytes, 'GEHEIM')).toBe(false)
      expect(containsText(bytes, 'FREMDER-AUTOR')).toBe(false)
    }
    expect(recordsOf(persistence.log[0]!).get(good.id)).toEqual(good)
    // The writer gets the compensation too: its copy loses the refused cards.
    for (const m of a.syncMessages(2)) Y.applyUpdate(client.doc, m.payload)
    expect(client.records.has(bad.id)).toBe(false)
    expect(client.records.has(forged.id)).toBe(false)
    expect(client.records.get(good.id)).toEqual(good)
  })

  it('restores the previous version when an update of an existing card is refused', async () => {
    const { a, b } = makeRoom()
    persistence.auto = true
    const client = clientDoc()
    const original = card('user_a', 'original')
    room.receive(a, { kind: 'sync-update', update: client.write((r) => r.set(original.id, original)) })
    await room.flushSoon()
    const stolen = { ...original, props: { ...original.props, authorId: 'user_b', text: 'GESTOHLEN' } }
    room.receive(a, { kind: 'sync-update', update: client.write((r) => r.set(stolen.id, stolen)) })
    expect(room.records.get(original.id)).toEqual(original)
    await room.flushSoon()
    expect(containsText(persistence.log[1]!, 'GESTOHLEN')).toBe(false)
    const view = clientDoc()
    for (const m of b.syncMessages(2)) Y.applyUpdate(view.doc, m.payload)
    expect(view.records.get(original.id)).toEqual(original)
  })

  it('answers sync step 1 only after the pending changes are persisted', async () => {
    const { a, b } = makeRoom()
    const client = clientDoc()
    const c = card('user_a', 'erst speichern')
    room.receive(a, { kind: 'sync-update', update: client.write((r) => r.set(c.id, c)) })
    const fresh = new Y.Doc()
    room.receive(b, { kind: 'sync-step1', stateVector: Y.encodeStateVector(fresh) })
    expect(b.syncMessages(1)).toHaveLength(0)
    await until(() => persistence.attempts.length === 1, 'append attempt')
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve))
    expect(b.syncMessages(1)).toHaveLength(0)
    persistence.attempts[0]!.resolve()
    await until(() => b.syncMessages(1).length === 1, 'sync step 2')
    Y.applyUpdate(fresh, b.syncMessages(1)[0]!.payload)
    expect(openRecords(fresh).get(c.id)).toEqual(c)
  })

  it('answers sync step 1 at once when everything is persisted, without writing', async () => {
    const { a, b } = makeRoom()
    persistence.auto = true
    const client = clientDoc()
    const c = card('user_a', 'schon gespeichert')
    room.receive(a, { kind: 'sync-update', update: client.write((r) => r.set(c.id, c)) })
    await room.flushSoon()
    const fresh = new Y.Doc()
    room.receive(b, { kind: 'sync-step1', stateVector: Y.encodeStateVector(fresh) })
    expect(b.syncMessages(1)).toHaveLength(1)
    Y.applyUpdate(fresh, b.syncMessages(1)[0]!.payload)
    expect(openRecords(fresh).get(c.id)).toEqual(c)
    expect(persistence.log).toHaveLength(1)
  })

  it('does not apply anything a projector sends', async () => {
    const { a } = makeRoom()
    const projector = new FakeConnection('v', 'projector')
    room.addConnection(projector)
    const client = clientDoc()
    const c = card('user_v', 'vom Beamer')
    expect(room.receive(projector, { kind: 'sync-update', update: client.write((r) => r.set(c.id, c)) })).toBeNull()
    expect(room.records.has(c.id)).toBe(false)
    expect(room.hasPendingWork).toBe(false)
    expect(a.syncMessages(2)).toHaveLength(0)
  })

  it('closes a connection that writes outside records with 4422 and keeps meta intact', () => {
    const { a } = makeRoom()
    const client = clientDoc()
    const before = Y.encodeStateVector(client.doc)
    client.doc.getMap('meta').set('schema', { evil: true })
    const verdict = room.receive(a, { kind: 'sync-update', update: Y.encodeStateAsUpdate(client.doc, before) })
    expect(verdict?.closeCode).toBe(4422)
    expect(room.doc.getMap('meta').get('schema')).toEqual(schema.serialize())
  })

  it('compacts the log after compactEvery appends, up to the last sequence number', async () => {
    const { a } = makeRoom({ compactEvery: 2 })
    persistence.auto = true
    const client = clientDoc()
    for (const text of ['eins', 'zwei']) {
      const c = card('user_a', text)
      room.receive(a, { kind: 'sync-update', update: client.write((r) => r.set(c.id, c)) })
      await room.flushSoon()
    }
    await until(() => persistence.compactions.length === 1, 'compaction')
    expect(persistence.compactions[0]!.upToSeq).toBe(2)
    const snapshotDoc = new Y.Doc()
    Y.applyUpdate(snapshotDoc, persistence.compactions[0]!.snapshot)
    expect(openRecords(snapshotDoc).map.size).toBe(room.records.map.size)
  })

  it('a sync step 1 message from the room matches what addConnection sends', () => {
    const { a } = makeRoom()
    expect(a.sent[0]).toEqual(encodeSyncStep1(Y.encodeStateVector(room.doc)))
  })
})
