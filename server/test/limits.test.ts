import { CloseCode } from '@pinnwand/shared'
import { callApi } from '@pinnwand/shared/contract/callApi'
import { getMe } from '@pinnwand/shared/systemRoutes'
import { roundResults } from '@pinnwand/shared/votingRoutes'
import * as Y from 'yjs'
import { afterEach, describe, expect, it } from 'vitest'
import { callRoute } from './helpers/callRoute.ts'
import { sample } from './helpers/prometheus.ts'
import {
  type BoardClient,
  connectClient,
  createWorkshop,
  ideaCard,
  joinParticipant,
  openRawSocket,
  type RawSocket,
  serverRoundTrip,
  startTestServer,
  type TestServer,
  userIdOf,
} from './helpers/testServer.ts'
import { waitFor } from './helpers/waitFor.ts'
import { boardWithIdeas, openRound, vote } from './votingHelpers.ts'

describe('limits', () => {
  const servers: TestServer[] = []
  const clients: BoardClient[] = []
  const raws: RawSocket[] = []
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy()
    for (const r of raws.splice(0)) r.ws.terminate()
    for (const s of servers.splice(0)) await s.stop()
  })
  const start = async (env: Record<string, string>) => {
    const ts = await startTestServer(env)
    servers.push(ts)
    return ts
  }
  const raw = async (url: string, boardId: string, token: string) => {
    const socket = await openRawSocket(url, boardId, token)
    raws.push(socket)
    return socket
  }

  it('CONNECTIONS_PER_IP: the next connection from the address is closed as transient; a slot frees on close', async () => {
    const ts = await start({ CONNECTIONS_PER_IP: '3' })
    const workshop = await createWorkshop(ts.url)
    const boardId = workshop.boardIds[0]!
    const open = await Promise.all([1, 2, 3].map(() => raw(ts.url, boardId, workshop.facilitatorToken)))
    const fourth = await raw(ts.url, boardId, workshop.facilitatorToken)
    const closed = await fourth.closed
    expect(closed.code).toBe(CloseCode.tooManyConnections)
    // 45xx: clients retry by themselves with backoff.
    expect(closed.code).toBeGreaterThanOrEqual(4500)
    open[0]!.ws.close()
    await open[0]!.closed
    await waitFor(
      async () => {
        const again = await raw(ts.url, boardId, workshop.facilitatorToken)
        const result = await Promise.race([again.closed, new Promise((r) => setTimeout(() => r('open'), 300))])
        return result === 'open'
      },
      { what: 'a freed slot' },
    )
    const metrics = await (await fetch(`${ts.url}/metrics`)).text()
    expect(metrics).toContain('pinnwand_ws_closed_by_limit_total{reason="connections_per_ip"} 1')
  })

  it('requests per token: a device tapping 40 votes at once gets 429 rate_limited, others are not starved', async () => {
    const ts = await start({ RATE_LIMIT_PER_SECOND: '5', RATE_LIMIT_BURST: '10' })
    const board = await boardWithIdeas(ts.server, 2)
    const roundId = await openRound(ts.url, board, { dotsPerParticipant: 50 })
    const busy = await joinParticipant(ts.url, board.workshop, 'Eilig')
    const calm = await joinParticipant(ts.url, board.workshop, 'Ruhig')
    const taps = await Promise.all(
      Array.from({ length: 40 }, () => vote(ts.url, busy.participantToken, roundId, board.ideaIds[0]!)),
    )
    const limited = taps.filter((r) => r.status === 429)
    const accepted = taps.filter((r) => r.status === 200)
    expect(limited.length).toBeGreaterThan(0)
    expect(accepted.length + limited.length).toBe(40)
    expect(limited[0]!.body.error.code).toBe('rate_limited')
    expect(Number(limited[0]!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
    // Someone else, at the same moment, is served.
    expect((await vote(ts.url, calm.participantToken, roundId, board.ideaIds[1]!)).status).toBe(200)
    // A refused tap changed nothing: the count is exactly the accepted ones (+1 from calm).
    const results = await callApi(
      roundResults,
      { params: { roundId }, token: board.workshop.facilitatorToken },
      { baseUrl: ts.url },
    )
    expect(results.totalVotes).toBe(accepted.length + 1)
  })

  it.skipIf(!process.env.REDIS_URL)(
    'requests per token with REDIS_URL: all instances draw from one budget',
    async () => {
      const env = { REDIS_URL: process.env.REDIS_URL!, RATE_LIMIT_PER_SECOND: '1', RATE_LIMIT_BURST: '10' }
      const [a, b] = [await start(env), await start(env)]
      // The limit comes before authentication, so any bearer token has a budget.
      const token = `not-a-real-token-${Math.random().toString(36).slice(2)}`
      const me = (ts: TestServer, t = token) => callRoute(ts.url, getMe, { token: t })
      const onA = await Promise.all(Array.from({ length: 10 }, () => me(a)))
      expect(onA.map((r) => r.status)).toEqual(Array(10).fill(401))
      // Round robin to the second instance: the budget is spent there too.
      const onB = await me(b)
      expect(onB.status).toBe(429)
      expect(onB.body.error?.code).toBe('rate_limited')
      // Another token still has its own.
      expect((await me(b, `${token}-other`)).status).toBe(401)
    },
  )

  it('MAX_DOCUMENT_BYTES: an update that would grow the board beyond it is refused with 4414, nothing else is lost', async () => {
    const ts = await start({ MAX_DOCUMENT_BYTES: String(64 * 1024) })
    const workshop = await createWorkshop(ts.url)
    const boardId = workshop.boardIds[0]!
    const ada = await joinParticipant(ts.url, workshop, 'Ada')
    const writer = await connectClient(ts.url, boardId, ada.participantToken)
    const watcher = await connectClient(ts.url, boardId, workshop.facilitatorToken)
    clients.push(writer, watcher)
    const kept: string[] = []
    for (let i = 0; i < 20; i++) {
      const card = ideaCard(ada.participantId, `${i} ${'x'.repeat(1500)}`)
      writer.records.set(card.id, card)
      kept.push(card.id)
      await serverRoundTrip(writer.provider)
    }
    // One big card batch (about 60 KB) does not fit any more.
    const big = Array.from({ length: 40 }, (_, i) => ideaCard(ada.participantId, `groß ${i} ${'y'.repeat(1500)}`))
    writer.doc.transact(() => {
      for (const card of big) writer.records.set(card.id, card)
    })
    await waitFor(() => writer.closes.length > 0, { what: 'writer closed' })
    expect(writer.closes[0]).toEqual({ code: CloseCode.documentTooLarge, reason: expect.stringContaining('65536') })
    // The watcher stays connected and has everything before, nothing of the refused batch.
    const fresh = await connectClient(ts.url, boardId, workshop.facilitatorToken)
    clients.push(fresh)
    expect(kept.every((id) => fresh.has(id))).toBe(true)
    expect(big.some((card) => fresh.has(card.id))).toBe(false)
    expect(watcher.closes).toEqual([])
    expect(watcher.provider.wsconnected).toBe(true)
  })

  it('slow clients are dropped (SLOW_CLIENT_BYTES), not buffered without bound; others keep up', async () => {
    const ts = await start({ SLOW_CLIENT_BYTES: String(256 * 1024) })
    const workshop = await createWorkshop(ts.url)
    const boardId = workshop.boardIds[0]!
    const me = await userIdOf(ts.url, workshop.facilitatorToken)
    const writer = await connectClient(ts.url, boardId, workshop.facilitatorToken)
    const reader = await connectClient(ts.url, boardId, workshop.facilitatorToken)
    clients.push(writer, reader)
    const slow = await raw(ts.url, boardId, workshop.facilitatorToken)
    // It never reads: the kernel buffers fill, then the server's send queue grows.
    ;(slow.ws as unknown as { _socket: { pause(): void } })._socket.pause()
    let batch = 0
    const allIds: string[] = []
    await waitFor(
      async () => {
        const cards = Array.from({ length: 200 }, (_, i) => ideaCard(me, `${batch}-${i} ${'z'.repeat(1900)}`))
        batch++
        writer.doc.transact(() => {
          for (const card of cards) writer.records.set(card.id, card)
        })
        allIds.push(...cards.map((c) => c.id))
        await serverRoundTrip(writer.provider)
        const metrics = await (await fetch(`${ts.url}/metrics`)).text()
        return (sample(metrics, 'pinnwand_ws_closed_by_limit_total{reason="slow_client"}') ?? 0) >= 1
      },
      { timeout: 30_000, interval: 0, what: 'the slow client dropped' },
    )
    await waitFor(() => allIds.every((id) => reader.has(id)), { timeout: 10_000, what: 'reader has every card' })
    ;(slow.ws as unknown as { _socket: { resume(): void } })._socket.resume()
    expect((await slow.closed).code).toBe(CloseCode.serverShutdown)
    expect(Y.encodeStateVector(reader.doc)).toEqual(Y.encodeStateVector(writer.doc))
  }, 60_000)
})
