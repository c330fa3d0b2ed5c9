import { getMe } from '@pinnwand/shared/systemRoutes'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { callRoute } from './helpers/callRoute.ts'
import { type FreshDatabase, freshPostgres } from './helpers/freshPostgres.ts'
import { startTcpProxy, type TcpProxy, viaProxy } from './helpers/tcpProxy.ts'
import {
  api,
  type BoardClient,
  connectClient,
  createWorkshop,
  ideaCard,
  joinParticipant,
  startTestServer,
  type TestServer,
  watchBoardState,
} from './helpers/testServer.ts'
import { waitFor } from './helpers/waitFor.ts'
import { createPostgresPool } from '../src/store/openPostgresStore.ts'

const databaseUrl = process.env.DATABASE_URL
/** How long PostgreSQL is gone (the fault tests' "unavailable for 30 s" case). */
const OUTAGE_MS = Number(process.env.PINNWAND_OUTAGE_MS ?? 30_000)

/**
 * PostgreSQL unreachable for 30 s (a proxy between server and database is cut; the shared
 * database stays up). The server keeps its loaded boards in memory and keeps retrying, but
 * acknowledges nothing it could not persist: no broadcast, no sync answer, 503 on the API, not
 * ready. When the database is back, everything queued is persisted and then delivered.
 */
describe.skipIf(!databaseUrl)('PostgreSQL outage (DATABASE_URL)', () => {
  let database: FreshDatabase
  let proxy: TcpProxy
  const servers: TestServer[] = []
  const clients: BoardClient[] = []

  beforeAll(async () => {
    database = await freshPostgres(databaseUrl!, 'faults_store')
    const target = new URL(database.url)
    proxy = await startTcpProxy(target.hostname, Number(target.port || 5432))
  })
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy()
    for (const s of servers.splice(0)) await s.stop()
  })
  afterAll(async () => {
    await proxy?.close()
    await database?.drop()
  })

  it(
    `${OUTAGE_MS / 1000} s without the database: nothing unpersisted is acknowledged, nothing acknowledged is lost`,
    async () => {
      const server = await startTestServer({ DATABASE_URL: viaProxy(database.url, proxy), IDLE_UNLOAD_MS: '100' })
      servers.push(server)
      const workshop = await createWorkshop(server.url)
      const boardId = workshop.boardIds[0]!
      const ada = await joinParticipant(server.url, workshop, 'Ada')
      const writer = await connectClient(server.url, boardId, ada.participantToken)
      const receiver = await connectClient(server.url, boardId, workshop.facilitatorToken)
      // Everyone on the board is told that nothing is being saved (the web app's badge).
      const watcher = await watchBoardState(server.url, boardId, ada.participantToken)
      clients.push(writer, receiver, watcher.client)
      const first = ideaCard(ada.participantId, 'vor dem Ausfall')
      writer.records.set(first.id, first)
      await waitFor(() => receiver.has(first.id), { what: 'first card' })

      proxy.cut()
      const during = Array.from({ length: 5 }, (_, i) => ideaCard(ada.participantId, `im Ausfall ${i}`))
      // Anything of these reaching another client before the database is back is a violation.
      let acknowledgedTooEarly = false
      let outageOver = false
      receiver.records.on('change', () => {
        if (!outageOver && during.some((c) => receiver.has(c.id))) acknowledgedTooEarly = true
      })
      for (const card of during) writer.records.set(card.id, card)
      await waitFor(() => watcher.latest().storage === 'unavailable', {
        what: 'storage: unavailable on the state channel',
      })

      const ready = await api(server.url, 'GET', '/readyz')
      expect(ready.status).toBe(503)
      expect(ready.body.checks.store).toBe('unavailable')
      expect((await api(server.url, 'GET', '/livez')).status).toBe(200)
      // The API says so plainly instead of a 500.
      const me = await callRoute(server.url, getMe, { token: ada.participantToken })
      expect(me.status).toBe(503)
      expect(me.body.error?.code).toBe('unavailable')
      expect(me.headers.get('retry-after')).toBe('5')
      // A newcomer is not given a state that is not durable.
      const newcomer = await connectClient(server.url, boardId, workshop.facilitatorToken, { waitForSync: false })
      clients.push(newcomer)

      // The writer leaves (its cards are queued only in the server's memory now); later the
      // receiver leaves too, so the room is empty while the database is still gone.
      await new Promise((resolve) => setTimeout(resolve, 1000))
      writer.destroy()
      await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS / 2))
      expect(acknowledgedTooEarly).toBe(false)
      expect(during.some((c) => receiver.has(c.id))).toBe(false)
      receiver.destroy()
      watcher.client.destroy()
      await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS / 2 - 1000))
      expect(acknowledgedTooEarly).toBe(false)
      expect(newcomer.provider.synced).toBe(false)
      // The empty room stays loaded with its queue, although IDLE_UNLOAD_MS is short (had it
      // unloaded, the newcomer below would find only the first card).
      expect(server.server.rooms.getLoaded(boardId)).toBeDefined()

      outageOver = true
      proxy.restore()
      await waitFor(() => newcomer.provider.synced && newcomer.texts().length === 6, {
        timeout: 15_000,
        what: 'the newcomer synced with every card',
      })
      expect((await api(server.url, 'GET', '/readyz')).status).toBe(200)
      // A client joining now is not told "not saved" (the room may have been reloaded meanwhile;
      // BoardRoom.test.ts checks that a room that stays loaded sends storage: 'ok').
      const after = await watchBoardState(server.url, boardId, ada.participantToken)
      clients.push(after.client)
      expect(after.latest().storage ?? 'ok').toBe('ok')

      // Durable: a server started afresh on the database (no proxy) has every card.
      for (const c of clients.splice(0)) c.destroy()
      await server.stop()
      servers.splice(0)
      const again = await startTestServer({ DATABASE_URL: database.url })
      servers.push(again)
      const fresh = await connectClient(again.url, boardId, workshop.facilitatorToken)
      clients.push(fresh)
      expect(fresh.texts()).toEqual([first, ...during].map((c) => c.props.text).sort())
    },
    OUTAGE_MS + 90_000,
  )

  it('a connection lost while a client is checked out between two queries fails that work, not the process', async () => {
    const pool = createPostgresPool(viaProxy(database.url, proxy))
    const client = await pool.connect()
    await client.query('BEGIN')
    const uncaught: unknown[] = []
    const onUncaught = (error: unknown) => uncaught.push(error)
    process.on('uncaughtException', onUncaught)
    try {
      proxy.cut()
      // The socket reset reaches the idle, checked-out client: without a listener of its own it
      // would be an unhandled 'error' event (the whole server gone in the middle of an outage).
      await new Promise((resolve) => setTimeout(resolve, 300))
      await expect(client.query('SELECT 1')).rejects.toThrow()
      expect(uncaught).toEqual([])
    } finally {
      process.off('uncaughtException', onUncaught)
      client.release(true)
      proxy.restore()
      await pool.end()
    }
  })
})
