import { BoardDoc } from '@pinnwand/shared'
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
  startTestServer,
  type TestServer,
  type TestWorkshop,
} from './helpers/testServer.ts'
import { waitFor } from './helpers/waitFor.ts'

/** A Yjs update as a client would send it, framed as a y-websocket sync update. */
function syncUpdate(write: (doc: Y.Doc) => void): Uint8Array {
  const doc = new Y.Doc()
  write(doc)
  return encodeFrame(0, 2, Y.encodeStateAsUpdate(doc))
}

describe('WebSocket endpoint: bad input closes only the offending socket', () => {
  let t: TestServer
  let workshop: TestWorkshop
  let boardId: string
  let participant: { participantId: string; participantToken: string }
  let bystander: BoardClient
  let watcher: BoardClient

  beforeAll(async () => {
    t = await startTestServer()
    workshop = await createWorkshop(t.url)
    boardId = workshop.boardIds[0]!
    participant = await joinParticipant(t.url, workshop)
    // Two well-behaved clients stay connected through every test of this file.
    bystander = await connectClient(t.url, boardId, participant.participantToken)
    watcher = await connectClient(t.url, boardId, workshop.facilitatorToken)
  })

  afterAll(async () => {
    bystander.destroy()
    watcher.destroy()
    await t.stop()
  })

  /** A raw socket that has completed the handshake (the server's sync step 1 arrived). */
  async function attachedSocket(token = participant.participantToken): Promise<RawSocket> {
    const raw = await openRawSocket(t.url, boardId, token)
    await waitFor(() => raw.received.some((m) => m[0] === 0 && m[1] === 0), { what: 'server sync step 1' })
    return raw
  }

  /** The innocent clients are still connected and still sync both ways. */
  async function expectBystandersUnharmed() {
    expect(bystander.closes).toEqual([])
    expect(watcher.closes).toEqual([])
    expect(bystander.provider.wsconnected && watcher.provider.wsconnected).toBe(true)
    const card = ideaCard(participant.participantId, `noch da ${Math.random()}`)
    bystander.records.set(card.id, card)
    await waitFor(() => watcher.has(card.id), { what: 'card from bystander at watcher' })
  }

  it('garbage bytes after the handshake → 4400', async () => {
    const raw = await attachedSocket()
    raw.ws.send(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x7f, 0x00, 0x13]))
    expect((await raw.closed).code).toBe(4400)
    await expectBystandersUnharmed()
  })

  it('a sync update whose payload is not a Yjs update → 4422', async () => {
    const raw = await attachedSocket()
    raw.ws.send(encodeFrame(0, 2, new Uint8Array([200, 1, 2, 3, 4, 5, 6])))
    expect((await raw.closed).code).toBe(4422)
    await expectBystandersUnharmed()
  })

  it('a text frame → 4400', async () => {
    const raw = await attachedSocket()
    raw.ws.send('hello')
    expect((await raw.closed).code).toBe(4400)
    await expectBystandersUnharmed()
  })

  it('a message over 8 MiB → 1009, and nothing of it is kept', async () => {
    const raw = await attachedSocket()
    const huge = new Uint8Array(8 * 1024 * 1024 + 16).fill(0x41)
    huge[0] = 0
    raw.ws.send(huge)
    expect((await raw.closed).code).toBe(1009)
    await expectBystandersUnharmed()
  })

  it('writing a meta entry → 4422; the schema in meta is untouched', async () => {
    const raw = await attachedSocket()
    raw.ws.send(syncUpdate((doc) => doc.getMap(BoardDoc.meta).set(BoardDoc.schemaKey, { hacked: true })))
    expect((await raw.closed).code).toBe(4422)
    const room = t.server.rooms.getLoaded(boardId)!
    expect(room.doc.getMap(BoardDoc.meta).get(BoardDoc.schemaKey)).not.toEqual({ hacked: true })
    expect(watcher.doc.getMap(BoardDoc.meta).get(BoardDoc.schemaKey)).not.toEqual({ hacked: true })
    await expectBystandersUnharmed()
  })

  it('writing another root type → 4422; nobody receives it', async () => {
    const raw = await attachedSocket()
    raw.ws.send(syncUpdate((doc) => doc.getArray('sneaky').push([{ key: 'x', val: { evil: 1 } }])))
    expect((await raw.closed).code).toBe(4422)
    await expectBystandersUnharmed()
    expect(watcher.doc.getArray('sneaky').length).toBe(0)
    expect(t.server.rooms.getLoaded(boardId)!.doc.getArray('sneaky').length).toBe(0)
  })

  it('nested Yjs types inside records → 4422', async () => {
    const raw = await attachedSocket()
    raw.ws.send(syncUpdate((doc) => doc.getArray(BoardDoc.records).push([new Y.Map()])))
    expect((await raw.closed).code).toBe(4422)
    await expectBystandersUnharmed()
  })
})

describe('WebSocket endpoint: authentication and access', () => {
  let t: TestServer
  let workshop: TestWorkshop
  let other: TestWorkshop

  beforeAll(async () => {
    t = await startTestServer()
    workshop = await createWorkshop(t.url)
    other = await createWorkshop(t.url)
  })
  afterAll(() => t.stop())

  const closeCode = async (boardId: string, token: string | null) =>
    (await (await openRawSocket(t.url, boardId, token)).closed).code

  it('no token → 4401', async () => {
    expect(await closeCode(workshop.boardIds[0]!, null)).toBe(4401)
  })

  it('wrong token → 4401', async () => {
    expect(await closeCode(workshop.boardIds[0]!, 'not-a-real-token')).toBe(4401)
    expect(await closeCode(workshop.boardIds[0]!, 'x'.repeat(5000))).toBe(4401)
  })

  it('unknown board → 4404', async () => {
    expect(await closeCode('b_does_not_exist', workshop.facilitatorToken)).toBe(4404)
  })

  it('a token of another workshop → 4403 (facilitator, participant and projector alike)', async () => {
    const boardId = workshop.boardIds[0]!
    const stranger = await joinParticipant(t.url, other, 'Fremd')
    expect(await closeCode(boardId, other.facilitatorToken)).toBe(4403)
    expect(await closeCode(boardId, stranger.participantToken)).toBe(4403)
    expect(await closeCode(boardId, other.projectorToken)).toBe(4403)
  })

  it('y-websocket stops reconnecting after a terminal close', async () => {
    const client = await connectClient(t.url, workshop.boardIds[0]!, 'wrong', { waitForSync: false })
    try {
      await waitFor(() => client.closes.length > 0, { what: 'close' })
      expect(client.closes[0]!.code).toBe(4401)
      expect(client.provider.synced).toBe(false)
    } finally {
      client.destroy()
    }
  })
})
