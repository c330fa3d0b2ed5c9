import * as encoding from 'lib0/encoding'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  type BoardClient,
  connectClient,
  createWorkshop,
  encodeFrame,
  joinParticipant,
  openRawSocket,
  type RawSocket,
  startTestServer,
  type TestServer,
  type TestWorkshop,
} from './helpers/testServer.ts'
import { waitFor } from './helpers/waitFor.ts'

interface Entry {
  clientId: number
  clock: number
  state: unknown
}

/** An awareness message with hand-picked entries (y-websocket type 1), as a hostile client writes it. */
function awarenessFrame(entries: Entry[]): Uint8Array {
  const update = encoding.createEncoder()
  encoding.writeVarUint(update, entries.length)
  for (const { clientId, clock, state } of entries) {
    encoding.writeVarUint(update, clientId)
    encoding.writeVarUint(update, clock)
    encoding.writeVarString(update, JSON.stringify(state))
  }
  const frame = encoding.createEncoder()
  encoding.writeVarUint(frame, 1)
  encoding.writeVarUint8Array(frame, encoding.toUint8Array(update))
  return encoding.toUint8Array(frame)
}

describe('presence ids belong to the person who introduced them', () => {
  let t: TestServer
  let workshop: TestWorkshop
  let boardId: string
  let ada: { participantId: string; participantToken: string }
  let bob: { participantId: string; participantToken: string }
  /** A real y-websocket client (it echoes everyone's presence) that must never be closed. */
  let bystander: BoardClient
  let watcher: BoardClient
  const sockets: RawSocket[] = []

  beforeAll(async () => {
    t = await startTestServer()
    workshop = await createWorkshop(t.url)
    boardId = workshop.boardIds[0]!
    ada = await joinParticipant(t.url, workshop, 'Ada')
    bob = await joinParticipant(t.url, workshop, 'Bob')
    bystander = await connectClient(t.url, boardId, (await joinParticipant(t.url, workshop, 'Cem')).participantToken)
    watcher = await connectClient(t.url, boardId, workshop.facilitatorToken)
  })
  afterAll(async () => {
    for (const raw of sockets) raw.ws.close()
    bystander.destroy()
    watcher.destroy()
    await t.stop()
  })

  async function attachedSocket(token: string): Promise<RawSocket> {
    const raw = await openRawSocket(t.url, boardId, token)
    sockets.push(raw)
    await waitFor(() => raw.received.some((m) => m[0] === 0 && m[1] === 0), { what: 'server sync step 1' })
    return raw
  }

  /** The socket is open and the server has handled everything it sent before (sync round trip). */
  async function expectAlive(raw: RawSocket) {
    const answers = () => raw.received.filter((m) => m[0] === 0 && m[1] === 1).length
    const before = answers()
    raw.ws.send(encodeFrame(0, 0, Y.encodeStateVector(new Y.Doc())))
    await waitFor(() => answers() > before || raw.ws.readyState !== raw.ws.OPEN, { what: 'sync step 2' })
    expect(raw.ws.readyState).toBe(raw.ws.OPEN)
  }

  const seenState = (clientId: number) => watcher.provider.awareness.getStates().get(clientId)
  /** Waits until the watcher has `clientId` at `clock` (a barrier: fan-out carries all changes so far). */
  const seenAt = (clientId: number, clock: number) =>
    waitFor(() => watcher.provider.awareness.meta.get(clientId)?.clock === clock, {
      what: `presence ${clientId}@${clock} at watcher`,
    })

  function expectHonestClientsUnharmed() {
    expect(bystander.closes).toEqual([])
    expect(watcher.closes).toEqual([])
    expect(bystander.provider.wsconnected && watcher.provider.wsconnected).toBe(true)
  }

  it("a claim of someone else's id is ignored, also while they reconnect; their reconnect takes it back", async () => {
    const adaId = 510_001
    const bobId = 510_002
    const adaTab = await attachedSocket(ada.participantToken)
    adaTab.ws.send(awarenessFrame([{ clientId: adaId, clock: 1, state: { user: { name: 'Ada' }, cursor: { x: 1 } } }]))
    await seenAt(adaId, 1)

    const bobTab = await attachedSocket(bob.participantToken)
    const claim = (clock: number) =>
      bobTab.ws.send(
        awarenessFrame([
          { clientId: adaId, clock: clock + 100, state: { user: { name: 'Ada' }, cursor: { x: 666 } } },
          { clientId: bobId, clock, state: { user: { name: 'Bob' } } },
        ]),
      )
    claim(1)
    await seenAt(bobId, 1)
    expect(seenState(adaId)).toEqual({ user: { name: 'Ada' }, cursor: { x: 1 } })
    await expectAlive(bobTab)
    await expectAlive(adaTab)

    // Ada's Wi-Fi drops; Bob tries again while her tab is reconnecting.
    adaTab.ws.close()
    await adaTab.closed
    await waitFor(() => !watcher.provider.awareness.getStates().has(adaId), { what: "Ada's presence removed" })
    claim(2)
    await seenAt(bobId, 2)
    expect(watcher.provider.awareness.getStates().has(adaId)).toBe(false)

    // Her tab comes back with the same awareness id: it is hers, no 4400.
    const adaAgain = await attachedSocket(ada.participantToken)
    adaAgain.ws.send(
      awarenessFrame([{ clientId: adaId, clock: 300, state: { user: { name: 'Ada' }, cursor: { x: 2 } } }]),
    )
    await seenAt(adaId, 300)
    expect(seenState(adaId)).toEqual({ user: { name: 'Ada' }, cursor: { x: 2 } })
    await expectAlive(adaAgain)
    await expectAlive(bobTab)
    expectHonestClientsUnharmed()
  })

  it('a new connection of the same person takes the id over; the old one closing later keeps the cursor', async () => {
    const adaId = 520_001
    const oldTab = await attachedSocket(ada.participantToken)
    oldTab.ws.send(awarenessFrame([{ clientId: adaId, clock: 1, state: { cursor: { x: 1 } } }]))
    await seenAt(adaId, 1)
    let removed = false
    const onChange = ({ removed: ids }: { removed: number[] }) => (removed ||= ids.includes(adaId))
    watcher.provider.awareness.on('change', onChange)

    const newTab = await attachedSocket(ada.participantToken)
    newTab.ws.send(awarenessFrame([{ clientId: adaId, clock: 2, state: { cursor: { x: 2 } } }]))
    await seenAt(adaId, 2)
    const room = t.server.rooms.getLoaded(boardId)!
    const connections = room.connectionCount
    oldTab.ws.close()
    await waitFor(() => room.connectionCount === connections - 1, { what: 'old socket gone at the server' })
    // A later change of someone else is a barrier: a removal would have been fanned out before it.
    const bobTab = await attachedSocket(bob.participantToken)
    bobTab.ws.send(awarenessFrame([{ clientId: 520_002, clock: 1, state: { user: { name: 'Bob' } } }]))
    await seenAt(520_002, 1)
    watcher.provider.awareness.off('change', onChange)
    expect(removed).toBe(false)
    expect(seenState(adaId)).toEqual({ cursor: { x: 2 } })
    await expectAlive(newTab)
  })

  it('a real y-websocket tab that reconnects shows its presence again at once, under the same id', async () => {
    const tab = await connectClient(t.url, boardId, ada.participantToken)
    try {
      const id = tab.provider.awareness.clientID
      tab.provider.awareness.setLocalState({ user: { name: 'Ada' }, cursor: { x: 7, y: 7 } })
      await waitFor(() => seenState(id) !== undefined, { what: 'presence at watcher' })
      tab.provider.disconnect()
      await waitFor(() => !watcher.provider.awareness.getStates().has(id), { what: 'presence removed' })
      // The tab re-sends its state with the clock it had, the clock its entry was removed at.
      tab.provider.connect()
      await waitFor(() => seenState(id) !== undefined, { timeout: 3_000, what: 'presence back at watcher' })
      expect(seenState(id)).toEqual({ user: { name: 'Ada' }, cursor: { x: 7, y: 7 } })
      // And it keeps moving: the next change is not taken for a stale echo.
      await waitFor(() => tab.provider.awareness.meta.get(id)!.clock > 1, { what: 'tab adopted the clock' })
      tab.provider.awareness.setLocalState({ user: { name: 'Ada' }, cursor: { x: 8, y: 8 } })
      await waitFor(() => (seenState(id) as { cursor?: { x: number } }).cursor?.x === 8, { what: 'cursor moved' })
      expect(tab.closes).toEqual([])
    } finally {
      tab.destroy()
    }
  })

  it('one message with 5,000 ids puts a handful in the room, and closes nobody', async () => {
    const flooder = await attachedSocket((await joinParticipant(t.url, workshop, 'Flut')).participantToken)
    const base = 600_000
    const entries = Array.from({ length: 5000 }, (_, i) => ({ clientId: base + i, clock: 1, state: { n: i } }))
    flooder.ws.send(awarenessFrame(entries))
    await expectAlive(flooder)
    await seenAt(base, 1)
    const flooded = [...watcher.provider.awareness.getStates().keys()].filter((id) => id >= base && id < base + 5000)
    expect(flooded.length).toBeGreaterThan(0)
    expect(flooded.length).toBeLessThanOrEqual(4)

    // A state over 4 KiB for its own id is dropped, the earlier one stays, the socket too.
    flooder.ws.send(awarenessFrame([{ clientId: base, clock: 2, state: { n: 'x'.repeat(10_000) } }]))
    flooder.ws.send(awarenessFrame([{ clientId: base + 1, clock: 2, state: { n: 'small' } }]))
    await seenAt(base + 1, 2)
    expect(seenState(base)).toEqual({ n: 0 })
    await expectAlive(flooder)
    expectHonestClientsUnharmed()
  })
})
