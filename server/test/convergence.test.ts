import { openRecords } from '@pinnwand/shared'
import type { TLRecord } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import type { YKeyValue } from 'y-utility/y-keyvalue'
import * as Y from 'yjs'

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
function prng(seed: number) {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    chance: (p: number) => next() < p,
    shuffle<T>(items: T[]): T[] {
      for (let i = items.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1))
        ;[items[i], items[j]] = [items[j]!, items[i]!]
      }
      return items
    },
  }
}

interface Peer {
  name: string
  doc: Y.Doc
  records: YKeyValue<TLRecord>
}

const REMOTE = 'remote'

function peer(name: string, clientID: number): Peer {
  const doc = new Y.Doc()
  doc.clientID = clientID
  return { name, doc, records: openRecords(doc) }
}

/** The same records as a plain, order-independent object. */
const snapshotOf = (p: Peer) =>
  Object.fromEntries([...p.records.map.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, e]) => [k, e.val]))

/** A full state-vector sync in both directions, as a reconnecting y-websocket client does. */
function resync(a: Peer, b: Peer) {
  Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc, Y.encodeStateVector(b.doc)), REMOTE)
  Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(b.doc, Y.encodeStateVector(a.doc)), REMOTE)
}

/**
 * A star like the real system: clients send updates to the server, the server merges what it got
 * per tick (Y.mergeUpdates) and fans it out. Every link may reorder, duplicate and drop messages;
 * clients sometimes "reconnect" (full sync), and at the end everyone reconnects once.
 */
function simulate(seed: number, { clients = 4, steps = 400, dropRate = 0.15, dupRate = 0.1 } = {}) {
  const rng = prng(seed)
  const server = peer('server', 1)
  const peers = Array.from({ length: clients }, (_, i) => peer(`client${i}`, 100 + i))
  type Message = { to: Peer; update: Uint8Array }
  let inFlight: Message[] = []
  let serverInbox: Uint8Array[] = []
  const stats = { dropped: 0, duplicated: 0, delivered: 0, reconnects: 0 }

  const send = (to: Peer, update: Uint8Array) => {
    if (rng.chance(dropRate)) return void stats.dropped++
    inFlight.push({ to, update })
    if (rng.chance(dupRate)) {
      inFlight.push({ to, update })
      stats.duplicated++
    }
  }
  for (const p of peers) {
    p.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== REMOTE) send(server, update)
    })
  }
  server.doc.on('update', (update: Uint8Array) => serverInbox.push(update))

  const keys = Array.from({ length: 12 }, (_, i) => `shape:k${i}`)
  for (let step = 0; step < steps; step++) {
    const actor = peers[rng.int(peers.length)]!
    const key = keys[rng.int(keys.length)]!
    const roll = rng.next()
    actor.doc.transact(() => {
      if (roll < 0.2) actor.records.delete(key)
      else actor.records.set(key, { id: key, typeName: 'shape', by: actor.name, step, x: rng.int(1000) } as never)
    })

    // Deliver a random part of what is in flight, in random order.
    rng.shuffle(inFlight)
    const deliverNow = inFlight.splice(0, rng.int(inFlight.length + 1))
    for (const message of deliverNow) {
      Y.applyUpdate(message.to.doc, message.update, REMOTE)
      stats.delivered++
    }
    // Server tick: merge everything received and fan it out once.
    if (rng.chance(0.3) && serverInbox.length > 0) {
      const merged = Y.mergeUpdates(serverInbox)
      serverInbox = []
      for (const p of peers) send(p, merged)
    }
    if (rng.chance(0.02)) {
      resync(peers[rng.int(peers.length)]!, server)
      stats.reconnects++
    }
  }
  // Whatever still travels arrives (late), then everybody reconnects once.
  for (const message of rng.shuffle(inFlight)) Y.applyUpdate(message.to.doc, message.update, REMOTE)
  inFlight = []
  for (const p of peers) resync(p, server)
  for (const p of peers) resync(p, server)
  return { server, peers, stats }
}

describe('seeded random convergence of board records', () => {
  const seeds = [1, 2, 3, 42, 1337, 20240601, 99991, 7, 8, 123456]

  it.each(seeds)('seed %i: all documents converge to identical records', (seed) => {
    const { server, peers, stats } = simulate(seed)
    // The run must really have lost and duplicated messages, or it proves nothing.
    expect(stats.dropped).toBeGreaterThan(0)
    expect(stats.duplicated).toBeGreaterThan(0)
    const expected = snapshotOf(server)
    expect(Object.keys(expected).length).toBeGreaterThan(0)
    for (const p of peers) {
      expect(snapshotOf(p), `${p.name} (seed ${seed})`).toEqual(expected)
      expect(Y.encodeStateVector(p.doc)).toEqual(Y.encodeStateVector(server.doc))
      // YKeyValue keeps one entry per key once it has seen everything.
      expect(p.doc.getArray('records').length).toBe(Object.keys(expected).length)
    }
  })

  it('is deterministic: the same seed gives the same result', () => {
    const first = snapshotOf(simulate(5).server)
    const second = snapshotOf(simulate(5).server)
    expect(second).toEqual(first)
  })

  it('converges when every message is dropped and only reconnects carry data', () => {
    const { server, peers } = simulate(11, { dropRate: 1, steps: 100 })
    for (const p of peers) expect(snapshotOf(p)).toEqual(snapshotOf(server))
  })
})
