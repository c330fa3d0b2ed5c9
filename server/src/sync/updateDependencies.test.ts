import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { checkUpdateDependencies, dropPending } from './updateDependencies.ts'

const stateOf = (doc: Y.Doc) => (client: number) => Y.getState(doc.store, client)
const check = (update: Uint8Array, room: Y.Doc) => checkUpdateDependencies(Y.decodeUpdate(update), stateOf(room))

/** Writes `count` entries into a doc's `records` array, one transaction each. */
function push(doc: Y.Doc, count: number) {
  for (let i = 0; i < count; i++) doc.getArray('records').push([{ key: `k${doc.clientID}-${i}`, val: {} }])
}

describe('checkUpdateDependencies', () => {
  it('accepts what Yjs integrates at once, and names the client ids it writes under', () => {
    const room = new Y.Doc()
    const client = new Y.Doc()
    client.clientID = 11
    push(client, 3)
    expect(check(Y.encodeStateAsUpdate(client), room)).toEqual({ ok: true, writers: [11] })
  })

  it('does not count structs the room already has as writes', () => {
    const room = new Y.Doc()
    const client = new Y.Doc()
    push(client, 2)
    Y.applyUpdate(room, Y.encodeStateAsUpdate(client))
    expect(check(Y.encodeStateAsUpdate(client), room)).toEqual({ ok: true, writers: [] })
  })

  it('resolves dependencies between clients of the same update in any order', () => {
    const a = new Y.Doc()
    a.clientID = 2
    push(a, 1)
    const b = new Y.Doc()
    b.clientID = 1 // builds on a's item, and sorts before it
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    push(b, 1)
    const merged = Y.mergeUpdates([Y.encodeStateAsUpdate(b), Y.encodeStateAsUpdate(a)])
    const result = check(merged, new Y.Doc())
    expect(result.ok).toBe(true)
    expect(result.ok && [...result.writers].sort()).toEqual([1, 2])
  })

  it('refuses a gap in a client’s clocks', () => {
    const client = new Y.Doc()
    push(client, 1)
    const sv = Y.encodeStateVector(client)
    push(client, 1)
    const laterOnly = Y.encodeStateAsUpdate(client, sv)
    expect(check(laterOnly, new Y.Doc())).toMatchObject({ ok: false })
  })

  it('refuses an item whose origin the room does not have', () => {
    const other = new Y.Doc()
    push(other, 1)
    const client = new Y.Doc()
    Y.applyUpdate(client, Y.encodeStateAsUpdate(other))
    const sv = Y.encodeStateVector(client)
    push(client, 1)
    const room = new Y.Doc() // never saw `other`
    expect(check(Y.encodeStateAsUpdate(client, sv), room)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/does not have/),
    })
  })

  it('refuses deletes beyond what exists, accepts deletes of what exists', () => {
    const room = new Y.Doc()
    const client = new Y.Doc()
    push(client, 2)
    Y.applyUpdate(room, Y.encodeStateAsUpdate(client))
    const sv = Y.encodeStateVector(client)
    client.getArray('records').delete(0, 1)
    expect(check(Y.encodeStateAsUpdate(client, sv), room)).toMatchObject({ ok: true })
    // A delete set alone, for clocks 2..4 of the client: the room has clocks 0 and 1 only.
    const encoder = encoding.createEncoder()
    for (const n of [0, 1, client.clientID, 1, 2, 3]) encoding.writeVarUint(encoder, n)
    expect(check(encoding.toUint8Array(encoder), room)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/does not exist/),
    })
  })

  it('agrees with Yjs: whatever it accepts leaves nothing pending, whatever it refuses would', () => {
    // Random updates from three clients that see each other's content in random order.
    let seed = 7
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
    const docs = [1, 2, 3].map((id) => {
      const doc = new Y.Doc()
      doc.clientID = id
      return doc
    })
    const updates: Uint8Array[] = []
    for (const doc of docs) doc.on('update', (update: Uint8Array) => updates.push(update))
    for (let step = 0; step < 60; step++) {
      const doc = docs[Math.floor(random() * 3)]!
      const array = doc.getArray<unknown>('records')
      if (array.length > 0 && random() < 0.3) array.delete(Math.floor(random() * array.length), 1)
      else array.insert(Math.floor(random() * (array.length + 1)), [step])
      if (random() < 0.5) {
        const other = docs[Math.floor(random() * 3)]!
        Y.applyUpdate(other, Y.encodeStateAsUpdate(doc, Y.encodeStateVector(other)))
      }
    }
    const room = new Y.Doc()
    const order = updates.map((u, i) => ({ u, k: random() + i / updates.length / 4 })).sort((x, y) => x.k - y.k)
    let accepted = 0
    let refused = 0
    for (const { u } of order) {
      const verdict = check(u, room)
      const probe = new Y.Doc()
      Y.applyUpdate(probe, Y.encodeStateAsUpdate(room))
      Y.applyUpdate(probe, u)
      const wouldPend = probe.store.pendingStructs !== null || probe.store.pendingDs !== null
      expect(verdict.ok).toBe(!wouldPend)
      if (verdict.ok) {
        Y.applyUpdate(room, u)
        accepted++
      } else refused++
    }
    expect(accepted).toBeGreaterThan(0)
    expect(refused).toBeGreaterThan(0)
  })
})

describe('dropPending', () => {
  it('forgets what Yjs keeps pending and says how much it was', () => {
    const doc = new Y.Doc()
    const client = new Y.Doc()
    push(client, 1)
    const sv = Y.encodeStateVector(client)
    push(client, 1)
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(client, sv))
    expect(doc.store.pendingStructs).not.toBeNull()
    expect(dropPending(doc)).toBeGreaterThan(0)
    expect(doc.store.pendingStructs).toBeNull()
    expect(dropPending(doc)).toBe(0)
  })
})
