import { openRecords } from '@pinnwand/shared'
import type { TLRecord } from '@tldraw/tlschema'
import * as encoding from 'lib0/encoding'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  type BoardClient,
  connectClient,
  createWorkshop,
  encodeFrame,
  ideaCard,
  joinParticipant,
  openRawSocket,
  type RawSocket,
  serverRoundTrip,
  startTestServer,
  type TestServer,
  type TestWorkshop,
} from './helpers/testServer.ts'
import { waitFor } from './helpers/waitFor.ts'

/** One awareness entry as y-websocket frames it (message type 1, y-protocols awareness update). */
function awarenessFrame(clientId: number, clock: number, state: unknown): Uint8Array {
  const update = encoding.createEncoder()
  encoding.writeVarUint(update, 1)
  encoding.writeVarUint(update, clientId)
  encoding.writeVarUint(update, clock)
  encoding.writeVarString(update, JSON.stringify(state))
  const frame = encoding.createEncoder()
  encoding.writeVarUint(frame, 1)
  encoding.writeVarUint8Array(frame, encoding.toUint8Array(update))
  return encoding.toUint8Array(frame)
}

/** Sync step 1 with an empty state vector; the server answers with step 2 after all before it. */
async function roundTrip(raw: RawSocket): Promise<void> {
  const before = raw.received.filter((m) => m[0] === 0 && m[1] === 1).length
  raw.ws.send(encodeFrame(0, 0, Y.encodeStateVector(new Y.Doc())))
  await waitFor(() => raw.received.filter((m) => m[0] === 0 && m[1] === 1).length > before, { what: 'sync step 2' })
}

describe('per-connection budgets on the WebSocket', () => {
  let t: TestServer
  let workshop: TestWorkshop
  let boardId: string
  let honest: { participantId: string; participantToken: string }
  let bystander: BoardClient
  let watcher: BoardClient

  beforeAll(async () => {
    t = await startTestServer()
    workshop = await createWorkshop(t.url)
    boardId = workshop.boardIds[0]!
    honest = await joinParticipant(t.url, workshop, 'Ada')
    bystander = await connectClient(t.url, boardId, honest.participantToken)
    watcher = await connectClient(t.url, boardId, workshop.facilitatorToken)
  })
  afterAll(async () => {
    bystander.destroy()
    watcher.destroy()
    await t.stop()
  })

  async function attachedSocket(token: string): Promise<RawSocket> {
    const raw = await openRawSocket(t.url, boardId, token)
    await waitFor(() => raw.received.some((m) => m[0] === 0 && m[1] === 0), { what: 'server sync step 1' })
    return raw
  }

  it('a burst of 10,000 small updates closes that socket with 4508; a bystander edit still arrives', async () => {
    const flooder = await joinParticipant(t.url, workshop, 'Flut')
    const own = new Y.Doc()
    const records = openRecords(own)
    const frames: Uint8Array[] = []
    own.on('update', (update: Uint8Array) => frames.push(encodeFrame(0, 2, update)))
    const card = ideaCard(flooder.participantId, 'x', { author: 'Flut' })
    for (let i = 0; i < 10_000; i++) records.set(card.id, { ...card, x: i } as TLRecord)

    const raw = await attachedSocket(flooder.participantToken)
    for (const frame of frames) raw.ws.send(frame)
    const probe = ideaCard(honest.participantId, 'trotzdem da')
    bystander.records.set(probe.id, probe)

    expect((await raw.closed).code).toBe(4508)
    await waitFor(() => watcher.has(probe.id), { what: 'bystander card at watcher' })
    // What was admitted before the close is kept and shared; the rest never was applied.
    await waitFor(() => watcher.has(card.id), { what: 'the flooder card at watcher' })
    expect(watcher.card(card.id)!.x).toBeLessThan(1000)
    expect(bystander.closes).toEqual([])
    expect(watcher.closes).toEqual([])
  })

  it('an honest client dragging at 60 updates per second for 2 s is never closed', async () => {
    const mover = await connectClient(t.url, boardId, honest.participantToken)
    try {
      const card = ideaCard(honest.participantId, 'gezogen')
      mover.records.set(card.id, card)
      for (let frame = 1; frame <= 120; frame++) {
        mover.records.set(card.id, { ...card, x: frame * 3, y: frame })
        await new Promise((resolve) => setTimeout(resolve, 1000 / 60))
      }
      await serverRoundTrip(mover.provider)
      await waitFor(() => watcher.card(card.id)?.x === 360, { what: 'final drag position at watcher' })
      expect(mover.closes).toEqual([])
      expect(mover.provider.wsconnected).toBe(true)
    } finally {
      mover.destroy()
    }
  })

  it('frames sent while the token is still being checked are bounded: 2,000 close the socket', async () => {
    // A slow database: the socket waits for its board while the client keeps sending.
    const store = t.server.store
    const getBoard = store.getBoard.bind(store)
    let release!: () => void
    const gate = new Promise<void>((resolve) => (release = resolve))
    store.getBoard = async (id) => {
      await gate
      return getBoard(id)
    }
    try {
      const raw = await openRawSocket(t.url, boardId, honest.participantToken)
      // Awareness queries: once attached they would only cost presence budget, never a close.
      for (let i = 0; i < 2000; i++) raw.ws.send(new Uint8Array([3]))
      const closed = await raw.closed
      expect(closed.code).toBe(4508)
      expect(closed.reason).toMatch(/before authentication/)
    } finally {
      store.getBoard = getBoard
      release()
    }
  })

  it('presence over budget is dropped without closing the socket', async () => {
    const cursorStorm = await joinParticipant(t.url, workshop, 'Zeiger')
    const raw = await attachedSocket(cursorStorm.participantToken)
    const clientId = 77_001
    for (let clock = 1; clock <= 500; clock++) {
      raw.ws.send(awarenessFrame(clientId, clock, { user: { name: 'Zeiger' }, cursor: { x: clock, y: 0 } }))
    }
    await roundTrip(raw) // the connection is alive and has handled the whole storm
    await waitFor(() => watcher.provider.awareness.getStates().has(clientId), { what: 'presence at watcher' })
    const seenClock = watcher.provider.awareness.meta.get(clientId)!.clock
    expect(seenClock).toBeGreaterThan(0)
    expect(seenClock).toBeLessThan(500) // the tail of the storm was dropped
    raw.ws.close()
  })
})
