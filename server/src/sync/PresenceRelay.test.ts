import * as awarenessProtocol from 'y-protocols/awareness'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { PresenceRelay } from './PresenceRelay.ts'

/** A client's own awareness, producing the updates y-websocket would send. */
function clientAwareness(clientID: number) {
  const doc = new Y.Doc()
  doc.clientID = clientID
  const awareness = new awarenessProtocol.Awareness(doc)
  return { awareness, update: (ids = [clientID]) => awarenessProtocol.encodeAwarenessUpdate(awareness, ids) }
}

describe('PresenceRelay', () => {
  let relay: PresenceRelay<string>
  afterEach(() => relay?.stop())
  const make = () => (relay = new PresenceRelay<string>(new Y.Doc(), 10, { recipients: () => [] }))

  it("ignores a client echoing another client's state (what y-websocket does) instead of refusing it", () => {
    make()
    const ada = clientAwareness(1)
    ada.awareness.setLocalStateField('user', { name: 'Ada' })
    expect(relay.receive('conn-a', ada.update())).toBeNull()
    // Bob's provider received Ada's state and sends it back unchanged, with his own state.
    const bob = clientAwareness(2)
    bob.awareness.setLocalStateField('user', { name: 'Bob' })
    awarenessProtocol.applyAwarenessUpdate(bob.awareness, ada.update(), 'server')
    expect(relay.receive('conn-b', bob.update([1, 2]))).toBeNull()
    expect(relay.awareness.getStates().get(2)).toEqual({ user: { name: 'Bob' } })
    expect(relay.awareness.getStates().get(1)).toEqual({ user: { name: 'Ada' } })
  })

  it("refuses a connection that writes a newer state for someone else's id", () => {
    make()
    const ada = clientAwareness(1)
    ada.awareness.setLocalStateField('user', { name: 'Ada' })
    relay.receive('conn-a', ada.update())
    const forger = clientAwareness(1)
    forger.awareness.setLocalStateField('user', { name: 'Fake' })
    forger.awareness.setLocalStateField('user', { name: 'Fake!' })
    forger.awareness.setLocalStateField('user', { name: 'Fake!!' })
    expect(relay.receive('conn-evil', forger.update())).toMatch(/another client/)
    expect(relay.awareness.getStates().get(1)).toEqual({ user: { name: 'Ada' } })
  })

  it("an echoed removal does not remove a connected client's presence", () => {
    make()
    const ada = clientAwareness(1)
    ada.awareness.setLocalStateField('user', { name: 'Ada' })
    relay.receive('conn-a', ada.update())
    // Bob timed Ada out locally and echoes the removal with the clock he knew.
    const bob = clientAwareness(2)
    awarenessProtocol.applyAwarenessUpdate(bob.awareness, ada.update(), 'server')
    awarenessProtocol.removeAwarenessStates(bob.awareness, [1], 'timeout')
    expect(relay.receive('conn-b', bob.update([1]))).toBeNull()
    expect(relay.awareness.getStates().get(1)).toEqual({ user: { name: 'Ada' } })
  })

  it('drops the presence of a connection that left', () => {
    make()
    const ada = clientAwareness(1)
    ada.awareness.setLocalStateField('user', { name: 'Ada' })
    relay.receive('conn-a', ada.update())
    relay.remove('conn-a')
    expect(relay.awareness.getStates().has(1)).toBe(false)
  })
})
