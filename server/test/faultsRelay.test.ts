import { rmSync } from 'node:fs'
import { Redis } from 'ioredis'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { RedisRelay } from '../src/relay/RedisRelay.ts'
import { type ChildServer, startChildServer } from './helpers/childServer.ts'
import { type FreshDatabase, freshPostgres } from './helpers/freshPostgres.ts'
import { metric } from './helpers/prometheus.ts'
import { startTcpProxy, type TcpProxy, viaProxy } from './helpers/tcpProxy.ts'
import {
  type BoardClient,
  connectClient,
  createWorkshop,
  freshDataDir,
  ideaCard,
  joinParticipant,
  serverRoundTrip,
  startTestServer,
  type TestServer,
  userIdOf,
} from './helpers/testServer.ts'
import { waitFor } from './helpers/waitFor.ts'

const databaseUrl = process.env.DATABASE_URL
const redisUrl = process.env.REDIS_URL

/**
 * Faults of the scale-out setup: Redis connections lost (cut by a proxy, or killed by Redis),
 * and an instance killed with SIGKILL while clients write. The shared Redis and PostgreSQL stay
 * up for everyone else; each run works in a database of its own.
 */
describe.skipIf(!databaseUrl || !redisUrl)('scale-out faults (DATABASE_URL, REDIS_URL)', () => {
  let database: FreshDatabase
  const servers: TestServer[] = []
  const children: ChildServer[] = []
  const clients: BoardClient[] = []
  const proxies: TcpProxy[] = []
  const dataDirs: string[] = []

  beforeAll(async () => {
    database = await freshPostgres(databaseUrl!, 'faults_relay')
  })
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy()
    for (const s of servers.splice(0)) await s.stop()
    for (const c of children.splice(0)) {
      if (c.child.exitCode === null && c.child.signalCode === null) c.child.kill('SIGKILL')
      await c.exited
    }
    for (const p of proxies.splice(0)) await p.close()
    for (const d of dataDirs.splice(0)) rmSync(d, { recursive: true, force: true })
  })
  afterAll(async () => {
    await database?.drop()
  })

  const env = (extra: Record<string, string> = {}) => ({
    DATABASE_URL: database.url,
    REDIS_URL: redisUrl!,
    RELAY_HEARTBEAT_MS: '200',
    COMPACT_EVERY: '3',
    ...extra,
  })
  const start = async (extra: Record<string, string> = {}) => {
    const server = await startTestServer(env(extra))
    servers.push(server)
    return server
  }
  const connect = async (url: string, boardId: string, token: string) => {
    const client = await connectClient(url, boardId, token)
    clients.push(client)
    return client
  }

  it('Redis cut off from one instance: both sides keep writing, and converge after the reconnect', async () => {
    const proxy = await startTcpProxy(new URL(redisUrl!).hostname, Number(new URL(redisUrl!).port || 6379))
    proxies.push(proxy)
    // Heartbeats slower than the test: the repair must come from the reconnect itself.
    const a = await start({ REDIS_URL: viaProxy(redisUrl!, proxy), RELAY_HEARTBEAT_MS: '60000' })
    const b = await start({ RELAY_HEARTBEAT_MS: '60000' })
    const workshop = await createWorkshop(a.url)
    const boardId = workshop.boardIds[0]!
    const me = await userIdOf(a.url, workshop.facilitatorToken)
    const onA = await connect(a.url, boardId, workshop.facilitatorToken)
    const onB = await connect(b.url, boardId, workshop.facilitatorToken)
    const before = ideaCard(me, 'vor dem Schnitt')
    onA.records.set(before.id, before)
    await waitFor(() => onB.has(before.id), { what: 'relay working before the cut' })

    proxy.cut()
    await waitFor(async () => (await metric(a.url, 'pinnwand_relay_up')) === 0, { what: 'relay down on A' })
    // Each side writes while the other cannot hear: durable in PostgreSQL, lost on the relay.
    // COMPACT_EVERY=3: both instances compact several times meanwhile.
    const fromA = Array.from({ length: 8 }, (_, i) => ideaCard(me, `A im Schnitt ${i}`))
    const fromB = Array.from({ length: 8 }, (_, i) => ideaCard(me, `B im Schnitt ${i}`))
    for (let i = 0; i < 8; i++) {
      onA.records.set(fromA[i]!.id, fromA[i]!)
      onB.records.set(fromB[i]!.id, fromB[i]!)
      await Promise.all([serverRoundTrip(onA.provider), serverRoundTrip(onB.provider)])
    }
    expect(fromB.some((c) => onA.has(c.id))).toBe(false)
    expect(fromA.some((c) => onB.has(c.id))).toBe(false)

    proxy.restore()
    await waitFor(async () => (await metric(a.url, 'pinnwand_relay_up')) === 1, { timeout: 10_000, what: 'relay up' })
    const all = [before, ...fromA, ...fromB].map((c) => c.props.text).sort()
    await waitFor(() => onA.texts().length === all.length && onB.texts().length === all.length, {
      timeout: 10_000,
      what: 'both sides converged after the reconnect',
    })
    expect(onA.texts()).toEqual(all)
    expect(onB.texts()).toEqual(all)
    // And the shared store holds all of it (compactions on both sides lost nothing).
    for (const c of clients.splice(0)) c.destroy()
    await waitFor(() => !a.server.rooms.getLoaded(boardId) && !b.server.rooms.getLoaded(boardId), {
      what: 'rooms unloaded',
    })
    const fresh = await connect(b.url, boardId, workshop.facilitatorToken)
    expect(fresh.texts()).toEqual(all)
  })

  it('Redis kills the relay connections (CLIENT KILL): the relay reconnects and resyncs', async () => {
    const a = await start()
    const b = await start()
    const workshop = await createWorkshop(a.url)
    const boardId = workshop.boardIds[0]!
    const me = await userIdOf(a.url, workshop.facilitatorToken)
    const onA = await connect(a.url, boardId, workshop.facilitatorToken)
    const onB = await connect(b.url, boardId, workshop.facilitatorToken)

    const admin = new Redis(redisUrl!)
    try {
      const id = (a.server.relay as RedisRelay).instanceId
      const list = (await admin.client('LIST')) as string
      const ids = list
        .split('\n')
        .filter((line) => line.includes(`name=pinnwand-sub-${id}`) || line.includes(`name=pinnwand-pub-${id}`))
        .map((line) => /\bid=(\d+)/.exec(line)![1]!)
      expect(ids).toHaveLength(2)
      for (const clientId of ids) await admin.client('KILL', 'ID', clientId)
    } finally {
      admin.disconnect()
    }
    const cards = Array.from({ length: 10 }, (_, i) => ideaCard(me, `nach dem Kill ${i}`))
    for (const [i, card] of cards.entries()) (i % 2 ? onA : onB).records.set(card.id, card)
    await waitFor(() => cards.every((c) => onA.has(c.id) && onB.has(c.id)), { timeout: 10_000, what: 'converged' })
    expect(await metric(a.url, 'pinnwand_relay_up')).toBe(1)
  })

  it('SIGKILL of an instance under load: clients of the other one have everything its clients had seen', async () => {
    const dataDir = freshDataDir()
    dataDirs.push(dataDir)
    const a = await startChildServer(dataDir, env())
    children.push(a)
    const b = await start()
    const workshop = await createWorkshop(b.url)
    const boardId = workshop.boardIds[0]!
    const ada = await joinParticipant(b.url, workshop, 'Ada')
    const writer = await connect(a.url, boardId, ada.participantToken)
    const seenOnA = await connect(a.url, boardId, workshop.facilitatorToken)
    const onB = await connect(b.url, boardId, workshop.facilitatorToken)

    let seen: string[] | null = null
    const killed = new Promise<void>((resolve) => {
      seenOnA.records.on('change', () => {
        if (seen || seenOnA.texts().length < 25) return
        seen = seenOnA.texts()
        a.child.kill('SIGKILL')
        resolve()
      })
    })
    let n = 0
    const writing = setInterval(() => {
      const card = ideaCard(ada.participantId, `Last ${String(++n).padStart(3, '0')}`)
      writer.records.set(card.id, card)
    }, 3)
    try {
      await killed
    } finally {
      clearInterval(writing)
    }
    expect((await a.exited).signal).toBe('SIGKILL')
    // Whatever A persisted but could not publish any more, B reloads from the store once A's
    // heartbeat is gone; nobody on A reconnects to help.
    await waitFor(() => seen!.every((text) => onB.texts().includes(text)), {
      timeout: 15_000,
      what: "B's client has everything A's clients had seen",
    })
    const late = await connect(b.url, boardId, workshop.facilitatorToken)
    const lost = seen!.filter((text) => !late.texts().includes(text))
    expect(lost).toEqual([])
    expect(seen!.length).toBeGreaterThanOrEqual(25)
  }, 60_000)
})
