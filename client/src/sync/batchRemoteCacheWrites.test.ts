import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { batchRemoteCacheWrites } from './batchRemoteCacheWrites.ts'

const SERVER = { name: 'server' }
const LOCAL = { name: 'local edit' }

/** Subscribes to the doc the way y-indexeddb does and records every write it would make. */
class RecordingCache {
  readonly writes: { update: Uint8Array; origin: unknown }[] = []
  readonly _storeUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin !== this) this.writes.push({ update, origin })
  }
  constructor(doc: Y.Doc) {
    doc.on('update', this._storeUpdate)
  }
  /** A doc rebuilt from what the cache holds, as the next visit loads it. */
  reload() {
    const doc = new Y.Doc()
    for (const { update } of this.writes) Y.applyUpdate(doc, update)
    return doc
  }
}

function manualTimer() {
  let pending: (() => void) | null = null
  return {
    setTimer: (run: () => void) => ((pending = run), 1),
    clearTimer: () => void (pending = null),
    fire: () => pending?.(),
    get armed() {
      return pending !== null
    },
  }
}

/** A server-side doc whose edits reach `doc` as updates with the provider's origin. */
function serverFeeding(doc: Y.Doc) {
  const server = new Y.Doc()
  server.on('update', (update: Uint8Array) => Y.applyUpdate(doc, update, SERVER))
  return server
}

describe('batchRemoteCacheWrites', () => {
  it("writes the server's updates to the cache once per batch, merged, and the cache loads them all", () => {
    const doc = new Y.Doc()
    const cache = new RecordingCache(doc)
    const timer = manualTimer()
    batchRemoteCacheWrites(doc, cache, { isRemote: (o) => o === SERVER, ...timer })
    const server = serverFeeding(doc)

    for (let i = 0; i < 20; i++) server.getMap('cards').set(`card-${i}`, `Idee ${i}`)
    expect(cache.writes).toHaveLength(0)
    expect(timer.armed).toBe(true)

    timer.fire()
    expect(cache.writes).toHaveLength(1)
    expect(cache.reload().getMap('cards').toJSON()).toEqual(server.getMap('cards').toJSON())
  })

  it('writes own edits at once, after the server updates that came before them', () => {
    const doc = new Y.Doc()
    const cache = new RecordingCache(doc)
    const timer = manualTimer()
    batchRemoteCacheWrites(doc, cache, { isRemote: (o) => o === SERVER, ...timer })
    const server = serverFeeding(doc)

    server.getMap('cards').set('a', 'vom Server')
    doc.transact(() => doc.getMap('cards').set('b', 'offline getippt'), LOCAL)

    expect(cache.writes.map((w) => w.origin)).toEqual([null, LOCAL])
    expect(timer.armed).toBe(false)
    expect(cache.reload().getMap('cards').toJSON()).toEqual({ a: 'vom Server', b: 'offline getippt' })
  })

  it('writes what is waiting when the page is hidden or the batch is disposed', () => {
    const doc = new Y.Doc()
    const cache = new RecordingCache(doc)
    const timer = manualTimer()
    const batch = batchRemoteCacheWrites(doc, cache, { isRemote: (o) => o === SERVER, ...timer })
    const server = serverFeeding(doc)

    server.getMap('cards').set('a', '1')
    window.dispatchEvent(new Event('pagehide'))
    expect(cache.writes).toHaveLength(1)

    server.getMap('cards').set('b', '2')
    batch.dispose()
    expect(cache.writes).toHaveLength(2)
    // After dispose the cache writes every update itself again, as y-indexeddb does.
    server.getMap('cards').set('c', '3')
    expect(cache.writes).toHaveLength(3)
    window.dispatchEvent(new Event('pagehide'))
    expect(cache.writes).toHaveLength(3)
    expect(cache.reload().getMap('cards').toJSON()).toEqual({ a: '1', b: '2', c: '3' })
  })

  it("does not write the cache's own updates back to it", () => {
    const doc = new Y.Doc()
    const cache = new RecordingCache(doc)
    batchRemoteCacheWrites(doc, cache, { isRemote: (o) => o === SERVER })
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(serverFeeding(new Y.Doc())), cache)
    doc.transact(() => doc.getMap('cards').set('x', 'aus dem Cache'), cache)
    expect(cache.writes).toHaveLength(0)
  })
})
