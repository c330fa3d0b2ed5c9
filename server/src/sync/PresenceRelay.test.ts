import * as encoding from 'lib0/encoding'
import * as awarenessProtocol from 'y-protocols/awareness'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { MAX_PRESENCE_IDS, MAX_PRESENCE_STATE_BYTES, PresenceRelay, type PresenceSpeaker } from './PresenceRelay.ts'

/** A client's own awareness, producing the updates y-websocket would send. */
function clientAwareness(clientID: number) {
  const doc = new Y.Doc()
  doc.clientID = clientID
  const awareness = new awarenessProtocol.Awareness(doc)
  return { awareness, update: (ids = [clientID]) => awarenessProtocol.encodeAwarenessUpdate(awareness, ids) }
}

/** A connection of `userId` (each call is a new connection, as after a reconnect). */
const connectionOf = (userId: string): PresenceSpeaker => ({ actor: { userId } })

/** An awareness update with hand-picked entries, as a hostile client can write it. */
function entriesUpdate(entries: { clientId: number; clock: number; state: unknown }[]): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, entries.length)
  for (const { clientId, clock, state } of entries) {
    encoding.writeVarUint(encoder, clientId)
    encoding.writeVarUint(encoder, clock)
    encoding.writeVarString(encoder, JSON.stringify(state))
  }
  return encoding.toUint8Array(encoder)
}

describe('PresenceRelay', () => {
  let relay: PresenceRelay<PresenceSpeaker>
  afterEach(() => relay?.stop())
  const make = () => (relay = new PresenceRelay<PresenceSpeaker>(new Y.Doc(), 10, { recipients: () => [] }))
  const connA = connectionOf('ada')
  const connB = connectionOf('bob')

  it("ignores a client echoing another client's state (what y-websocket does) instead of refusing it", () => {
    make()
    const ada = clientAwareness(1)
    ada.awareness.setLocalStateField('user', { name: 'Ada' })
    expect(relay.receive(connA, ada.update())).toBeNull()
    // Bob's provider received Ada's state and sends it back unchanged, with his own state.
    const bob = clientAwareness(2)
    bob.awareness.setLocalStateField('user', { name: 'Bob' })
    awarenessProtocol.applyAwarenessUpdate(bob.awareness, ada.update(), 'server')
    expect(relay.receive(connB, bob.update([1, 2]))).toBeNull()
    expect(relay.awareness.getStates().get(2)).toEqual({ user: { name: 'Bob' } })
    expect(relay.awareness.getStates().get(1)).toEqual({ user: { name: 'Ada' } })
  })

  it("ignores a newer state for someone else's id, without refusing the connection", () => {
    make()
    const ada = clientAwareness(1)
    ada.awareness.setLocalStateField('user', { name: 'Ada' })
    relay.receive(connA, ada.update())
    const forger = clientAwareness(1)
    forger.awareness.setLocalStateField('user', { name: 'Fake' })
    forger.awareness.setLocalStateField('user', { name: 'Fake!' })
    forger.awareness.setLocalStateField('user', { name: 'Fake!!' })
    expect(relay.receive(connectionOf('eve'), forger.update())).toBeNull()
    expect(relay.awareness.getStates().get(1)).toEqual({ user: { name: 'Ada' } })
  })

  it("keeps a person's id theirs after they left: the reconnect takes it back, nobody else can", () => {
    make()
    relay.receive(connA, entriesUpdate([{ clientId: 1, clock: 1, state: { user: { name: 'Ada' } } }]))
    relay.remove(connA)
    expect(relay.awareness.getStates().has(1)).toBe(false)
    // Bob claims the id while Ada's tab is reconnecting: ignored, his own id still counts.
    expect(
      relay.receive(
        connB,
        entriesUpdate([
          { clientId: 1, clock: 9, state: { user: { name: 'Bob as Ada' } } },
          { clientId: 2, clock: 1, state: { user: { name: 'Bob' } } },
        ]),
      ),
    ).toBeNull()
    expect(relay.awareness.getStates().has(1)).toBe(false)
    expect(relay.awareness.getStates().get(2)).toEqual({ user: { name: 'Bob' } })
    const adaAgain = connectionOf('ada')
    expect(
      relay.receive(adaAgain, entriesUpdate([{ clientId: 1, clock: 3, state: { user: { name: 'Ada' } } }])),
    ).toBeNull()
    expect(relay.awareness.getStates().get(1)).toEqual({ user: { name: 'Ada' } })
  })

  it("resumes a returning tab's state under a newer clock, never someone else's", () => {
    make()
    relay.receive(connA, entriesUpdate([{ clientId: 1, clock: 4, state: { cursor: 1 } }]))
    relay.remove(connA) // removed at clock 4: for everyone, a state at clock 4 is now stale
    // Bob echoes Ada's last state (what he had received): not his to bring back.
    relay.receive(connB, entriesUpdate([{ clientId: 1, clock: 4, state: { cursor: 1 } }]))
    expect(relay.awareness.getStates().has(1)).toBe(false)
    const adaAgain = connectionOf('ada')
    relay.receive(adaAgain, entriesUpdate([{ clientId: 1, clock: 4, state: { cursor: 1 } }]))
    expect(relay.awareness.getStates().get(1)).toEqual({ cursor: 1 })
    expect(relay.awareness.meta.get(1)!.clock).toBe(5)
    // Once it shows, an old clock is a stale echo again.
    relay.receive(adaAgain, entriesUpdate([{ clientId: 1, clock: 5, state: { cursor: 'old' } }]))
    expect(relay.awareness.getStates().get(1)).toEqual({ cursor: 1 })
  })

  it("takes a person's id over to their new connection; the old one closing later keeps it", () => {
    make()
    relay.receive(connA, entriesUpdate([{ clientId: 1, clock: 1, state: { cursor: 1 } }]))
    const newTab = connectionOf('ada')
    relay.receive(newTab, entriesUpdate([{ clientId: 1, clock: 2, state: { cursor: 2 } }]))
    relay.remove(connA) // the server notices the old socket's end only now
    expect(relay.awareness.getStates().get(1)).toEqual({ cursor: 2 })
    relay.remove(newTab)
    expect(relay.awareness.getStates().has(1)).toBe(false)
  })

  it(`applies at most ${MAX_PRESENCE_IDS} ids per message and per connection`, () => {
    make()
    const many = Array.from({ length: 5000 }, (_, i) => ({ clientId: 1000 + i, clock: 1, state: { n: i } }))
    expect(relay.receive(connA, entriesUpdate(many))).toBeNull()
    expect(relay.awareness.getStates().size).toBe(MAX_PRESENCE_IDS)
    // The ids it holds it may keep updating; new ones are dropped, also in later messages.
    expect(relay.receive(connA, entriesUpdate([{ clientId: 1000, clock: 2, state: { n: 'again' } }]))).toBeNull()
    expect(relay.receive(connA, entriesUpdate([{ clientId: 9, clock: 1, state: { n: 'new' } }]))).toBeNull()
    expect(relay.awareness.getStates().get(1000)).toEqual({ n: 'again' })
    expect(relay.awareness.getStates().has(9)).toBe(false)
  })

  it('keeps the newest state a tab sent while its id waited for the store (its name after the empty state)', async () => {
    let answer!: (allowed: boolean) => void
    let bound = false
    relay = new PresenceRelay<PresenceSpeaker>(new Y.Doc(), 10, {
      recipients: () => [],
      // The store's answer; once given, the id is bound (as the room's cache then says).
      mayIntroduce: () => bound || new Promise<boolean>((resolve) => (answer = resolve)),
    })
    const ada = clientAwareness(1)
    // y-websocket sends the empty state on connect, then the name as soon as the app sets it.
    expect(relay.receive(connA, ada.update())).toBeNull()
    ada.awareness.setLocalStateField('user', { name: 'Ada' })
    expect(relay.receive(connA, ada.update())).toBeNull()
    expect(relay.awareness.getStates().has(1)).toBe(false)
    bound = true
    answer(true)
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(relay.awareness.getStates().get(1)).toEqual({ user: { name: 'Ada' } })
  })

  it('drops a state over the byte cap and keeps the previous one', () => {
    make()
    relay.receive(connA, entriesUpdate([{ clientId: 1, clock: 1, state: { user: 'Ada' } }]))
    const huge = { user: 'Ada', junk: 'ü'.repeat(MAX_PRESENCE_STATE_BYTES / 2) } // ~4 KiB chars, ~8 KiB bytes
    expect(relay.receive(connA, entriesUpdate([{ clientId: 1, clock: 2, state: huge }]))).toBeNull()
    expect(relay.awareness.getStates().get(1)).toEqual({ user: 'Ada' })
  })

  it('refuses an update it cannot decode, and one whose state is not JSON, applying nothing of it', () => {
    make()
    expect(relay.receive(connA, new Uint8Array([5, 1]))).toMatch(/bad awareness update/)
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, 2)
    for (const [clientId, state] of [
      [1, '{"ok":1}'],
      [2, '{not json'],
    ] as const) {
      encoding.writeVarUint(encoder, clientId)
      encoding.writeVarUint(encoder, 1)
      encoding.writeVarString(encoder, state)
    }
    expect(relay.receive(connA, encoding.toUint8Array(encoder))).toMatch(/not JSON/)
    expect(relay.awareness.getStates().size).toBe(0)
  })

  it("does not let a local connection claim another instance's client, nor the relay overwrite ours", () => {
    make()
    relay.applyRemote(entriesUpdate([{ clientId: 5, clock: 1, state: { user: 'Remote' } }]))
    relay.receive(connA, entriesUpdate([{ clientId: 5, clock: 2, state: { user: 'Taken' } }]))
    expect(relay.awareness.getStates().get(5)).toEqual({ user: 'Remote' })
    relay.receive(connB, entriesUpdate([{ clientId: 6, clock: 1, state: { user: 'Bob' } }]))
    relay.applyRemote(entriesUpdate([{ clientId: 6, clock: 7, state: { user: 'Forged' } }]))
    expect(relay.awareness.getStates().get(6)).toEqual({ user: 'Bob' })
  })

  it("an echoed removal does not remove a connected client's presence", () => {
    make()
    const ada = clientAwareness(1)
    ada.awareness.setLocalStateField('user', { name: 'Ada' })
    relay.receive(connA, ada.update())
    // Bob timed Ada out locally and echoes the removal with the clock he knew.
    const bob = clientAwareness(2)
    awarenessProtocol.applyAwarenessUpdate(bob.awareness, ada.update(), 'server')
    awarenessProtocol.removeAwarenessStates(bob.awareness, [1], 'timeout')
    expect(relay.receive(connB, bob.update([1]))).toBeNull()
    expect(relay.awareness.getStates().get(1)).toEqual({ user: { name: 'Ada' } })
  })

  it('drops the presence of a connection that left', () => {
    make()
    const ada = clientAwareness(1)
    ada.awareness.setLocalStateField('user', { name: 'Ada' })
    relay.receive(connA, ada.update())
    relay.remove(connA)
    expect(relay.awareness.getStates().has(1)).toBe(false)
  })
})
