import * as decoding from 'lib0/decoding'
import * as awarenessProtocol from 'y-protocols/awareness'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { ManualClock } from './ManualClock.ts'
import { PresenceRelay, type PresenceSpeaker } from './PresenceRelay.ts'

/** A watching client: its own y-protocols Awareness, fed with what the relay sends. */
function watcher() {
  const awareness = new awarenessProtocol.Awareness(new Y.Doc())
  awareness.setLocalState(null)
  let bytes = 0
  return {
    awareness,
    get bytes() {
      return bytes
    },
    send(message: Uint8Array) {
      bytes += message.byteLength
      const decoder = decoding.createDecoder(message)
      decoding.readVarUint(decoder) // message type: awareness
      awarenessProtocol.applyAwarenessUpdate(awareness, decoding.readVarUint8Array(decoder), 'server')
    },
    /** Others this client has a state of. */
    seen: () => [...awareness.getStates().keys()].filter((id) => id !== awareness.clientID),
  }
}

/** A participant's tab with its own awareness id and cursor. */
function tab(id: number, role = 'participant') {
  const doc = new Y.Doc()
  doc.clientID = id
  const awareness = new awarenessProtocol.Awareness(doc)
  awareness.setLocalStateField('user', { id: `user_${id}`, name: `Gast ${id}`, role })
  const connection: PresenceSpeaker = { actor: { userId: `user_${id}`, role } }
  return {
    connection,
    move(x: number) {
      awareness.setLocalStateField('cursor', { x, y: 0 })
    },
    update: () => awarenessProtocol.encodeAwarenessUpdate(awareness, [id]),
  }
}

describe('PresenceRelay: crowd presence (issue 18)', () => {
  let relay: PresenceRelay<PresenceSpeaker>
  let clock: ManualClock
  afterEach(() => relay?.stop())
  /** Lets `ms` pass for the relay: its sense of "recently active" and its fan-out timer. */
  const later = (ms: number) => clock.advance(ms)
  /** One fan-out interval (5 ms, see crowdOf). */
  const flush = () => clock.advance(5)

  function crowdOf(n: number, crowd = { fullUpTo: 10, shown: 4 }) {
    const viewer = watcher()
    const counts: (number | null)[] = []
    clock = new ManualClock()
    relay = new PresenceRelay<PresenceSpeaker>(
      new Y.Doc(),
      5,
      { recipients: () => [viewer], crowd: (people) => counts.push(people) },
      crowd,
      clock,
    )
    const tabs = Array.from({ length: n }, (_, i) => tab(i + 1, i === 0 ? 'facilitator' : 'participant'))
    for (const t of tabs) relay.receive(t.connection, t.update())
    return { viewer, tabs, counts }
  }

  it('a small table sees everyone, as before', async () => {
    const { viewer, counts } = crowdOf(8)
    await flush()
    expect(viewer.seen()).toHaveLength(8)
    expect(counts).toEqual([])
  })

  it('a crowd: every client gets the facilitator and the most recently active, up to the cap, and the head count', async () => {
    const { viewer, tabs, counts } = crowdOf(40)
    await flush()
    expect(viewer.seen()).toHaveLength(4)
    expect(viewer.seen()).toContain(1) // the facilitator
    expect(counts).toEqual([40])
    // Six seconds later three people start moving: they come into view, the quiet ones leave it.
    await later(6000)
    for (const t of [tabs[20]!, tabs[21]!, tabs[22]!]) {
      t.move(5)
      relay.receive(t.connection, t.update())
    }
    await flush()
    expect(new Set(viewer.seen())).toEqual(new Set([1, 21, 22, 23]))
  })

  it('while everyone moves, the people in view keep their place (no new set at every fan-out)', async () => {
    const { viewer, tabs } = crowdOf(40)
    await flush()
    const first = new Set(viewer.seen())
    for (let round = 0; round < 3; round++) {
      for (const t of tabs) {
        t.move(round + 1)
        relay.receive(t.connection, t.update())
      }
      await flush()
      expect(new Set(viewer.seen())).toEqual(first)
    }
  })

  it('bytes per client stay flat as the crowd grows', async () => {
    const perClient: number[] = []
    for (const n of [40, 120, 400]) {
      const { viewer, tabs } = crowdOf(n)
      await flush()
      const before = viewer.bytes
      // Everyone moves their cursor five times.
      for (let round = 0; round < 5; round++) {
        for (const t of tabs) {
          t.move(round)
          relay.receive(t.connection, t.update())
        }
        await flush()
      }
      perClient.push(viewer.bytes - before)
      relay.stop()
    }
    expect(perClient[2]!).toBeLessThan(perClient[0]! * 1.5)
  })

  it('when the crowd thins out, everybody is seen again with their next change (at most the 15 s renewal)', async () => {
    const { viewer, tabs, counts } = crowdOf(12)
    await flush()
    expect(viewer.seen()).toHaveLength(4)
    for (const t of tabs.slice(6)) relay.remove(t.connection)
    await flush()
    expect(counts.at(-1)).toBeNull()
    for (const t of tabs.slice(0, 6)) {
      t.move(1)
      relay.receive(t.connection, t.update())
    }
    await flush()
    expect(viewer.seen()).toHaveLength(6)
  })

  it('a joiner in a crowd gets only the shown entries', async () => {
    crowdOf(40)
    await flush()
    const joiner = watcher()
    joiner.send(relay.fullState()!)
    expect(joiner.seen()).toHaveLength(4)
  })
})
