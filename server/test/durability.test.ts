import { rmSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type ChildServer, startChildServer } from './helpers/childServer.ts'
import {
  type BoardClient,
  connectClient,
  createWorkshop,
  freshDataDir,
  ideaCard,
  joinParticipant,
} from './helpers/testServer.ts'
import { waitFor } from './helpers/waitFor.ts'

/** The server as a real OS process, killed and restarted on the same data directory. */
describe('durability across process death', () => {
  let dataDir = ''
  const children: ChildServer[] = []
  const clients: BoardClient[] = []

  beforeEach(() => {
    dataDir = freshDataDir()
  })
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy()
    for (const c of children.splice(0)) {
      if (c.child.exitCode === null && c.child.signalCode === null) c.child.kill('SIGKILL')
      await c.exited
    }
    rmSync(dataDir, { recursive: true, force: true })
  })

  const start = async () => {
    const server = await startChildServer(dataDir)
    children.push(server)
    return server
  }
  const connect = async (url: string, boardId: string, token: string) => {
    const client = await connectClient(url, boardId, token)
    clients.push(client)
    return client
  }

  it('kill -9 loses nothing that a client had already received', async () => {
    const first = await start()
    const workshop = await createWorkshop(first.url)
    const boardId = workshop.boardIds[0]!
    const ada = await joinParticipant(first.url, workshop)
    const writer = await connect(first.url, boardId, ada.participantToken)
    const receiver = await connect(first.url, boardId, workshop.facilitatorToken)

    // The writer keeps writing while the server is killed: the kill lands mid-stream, at the
    // moment the receiver holds at least 15 cards, and whatever it holds then is what must survive.
    let received: string[] | null = null
    const killed = new Promise<void>((resolve) => {
      receiver.records.on('change', () => {
        if (received || receiver.texts().length < 15) return
        received = receiver.texts()
        first.child.kill('SIGKILL')
        resolve()
      })
    })
    let n = 0
    const writing = setInterval(() => {
      const card = ideaCard(ada.participantId, `Karte ${String(++n).padStart(3, '0')}`)
      writer.records.set(card.id, card)
    }, 3)
    try {
      await killed
    } finally {
      clearInterval(writing)
    }
    expect((await first.exited).signal).toBe('SIGKILL')
    for (const c of clients.splice(0)) c.destroy()

    const second = await start()
    const fresh = await connect(second.url, boardId, workshop.facilitatorToken)
    const survived = new Set(fresh.texts())
    const lost = received!.filter((text) => !survived.has(text))
    expect(lost).toEqual([])
    expect(received!.length).toBeGreaterThanOrEqual(15)
  })

  it('SIGTERM flushes, exits with code 0 and keeps the content', async () => {
    const first = await start()
    const workshop = await createWorkshop(first.url)
    const boardId = workshop.boardIds[0]!
    const ada = await joinParticipant(first.url, workshop)
    const writer = await connect(first.url, boardId, ada.participantToken)
    const receiver = await connect(first.url, boardId, workshop.facilitatorToken)
    const cards = Array.from({ length: 10 }, (_, i) => ideaCard(ada.participantId, `Sauber ${i}`))
    for (const card of cards) writer.records.set(card.id, card)
    await waitFor(() => cards.every((c) => receiver.has(c.id)), { what: 'cards at receiver' })

    first.child.kill('SIGTERM')
    expect(await first.exited).toEqual({ code: 0, signal: null })
    expect(first.logs.some((l) => l.msg === 'shutting down: flushing boards')).toBe(true)
    // Connected clients were told the server is going away (transient code: they will retry).
    await waitFor(() => receiver.closes.length > 0, { what: 'close at receiver' })
    expect(receiver.closes[0]!.code).toBe(4503)
    for (const c of clients.splice(0)) c.destroy()

    const second = await start()
    const fresh = await connect(second.url, boardId, workshop.facilitatorToken)
    expect(fresh.texts()).toEqual(cards.map((c) => c.props.text).sort())
    // The graceful stop compacted the log: the restarted server loaded a snapshot and no updates.
    const loaded = second.logs.find((l) => l.msg === 'board loaded' && l.boardId === boardId)
    expect(loaded?.updates).toBe(0)
  })
})
