import type { BoardStateMessage } from '@pinnwand/shared'
import * as routes from '@pinnwand/shared/privatePhaseRoutes'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PrivateCardStore } from '../src/privatePhase/PrivateCardStore.ts'
import { REVEAL_LEASE_MS } from '../src/privatePhase/PrivatePhase.ts'
import { callRoute } from './helpers/callRoute.ts'
import { type FreshDatabase, freshPostgres } from './helpers/freshPostgres.ts'
import {
  type BoardClient,
  createWorkshop,
  joinParticipant,
  startTestServer,
  type TestServer,
  type TestWorkshop,
  watchBoardState,
} from './helpers/testServer.ts'
import { waitFor } from './helpers/waitFor.ts'

const databaseUrl = process.env.DATABASE_URL
const redisUrl = process.env.REDIS_URL

const phaseOf = (state: BoardStateMessage) => state.privatePhase

/** Issue 17 behind Redis: a reveal is all or nothing, whichever instance does (or finishes) it. */
describe.skipIf(!databaseUrl || !redisUrl)('Stilles Sammeln on two instances (DATABASE_URL, REDIS_URL)', () => {
  let database: FreshDatabase
  let env: Record<string, string>
  let a: TestServer
  let b: TestServer
  const clients: BoardClient[] = []
  const cardsOf = (server: TestServer) =>
    (server.server.store as unknown as { privateCards: PrivateCardStore }).privateCards

  beforeAll(async () => {
    database = await freshPostgres(databaseUrl!, 'private_relay')
    env = { DATABASE_URL: database.url, REDIS_URL: redisUrl! }
    a = await startTestServer(env)
    b = await startTestServer(env)
  })
  afterAll(async () => {
    for (const client of clients) client.destroy()
    await a?.stop()
    await b?.stop()
    await database?.drop()
  })

  async function collect(workshop: TestWorkshop, boardId: string, texts: string[]) {
    const started = await callRoute(a.url, routes.startPrivatePhase, {
      params: { boardId },
      body: { facilitatorSeesTexts: false },
      token: workshop.facilitatorToken,
    })
    expect(started.status).toBe(200)
    for (const [i, text] of texts.entries()) {
      const person = await joinParticipant(a.url, workshop, `Person ${i}`)
      const server = i % 2 === 0 ? a : b
      const made = await callRoute(server.url, routes.createPrivateCard, {
        params: { boardId },
        body: { text },
        token: person.participantToken,
      })
      expect(made.status).toBe(201)
    }
  }

  it('reveals once when two facilitator tabs on two instances press at the same moment', async () => {
    const workshop = await createWorkshop(a.url)
    const boardId = workshop.boardIds[0]!
    const texts = ['Gleichzeitig eins', 'Gleichzeitig zwei', 'Gleichzeitig drei']
    await collect(workshop, boardId, texts)
    const onA = await watchBoardState(a.url, boardId, workshop.facilitatorToken)
    const onB = await watchBoardState(b.url, boardId, workshop.facilitatorToken)
    clients.push(onA.client, onB.client)
    const both = await Promise.all(
      [a, b].map((server) =>
        callRoute(server.url, routes.revealPrivateCards, {
          params: { boardId },
          body: { anonymous: true },
          token: workshop.facilitatorToken,
        }),
      ),
    )
    expect(both.every((r) => r.status === 200 || r.body.error?.code === 'no_private_phase')).toBe(true)
    for (const view of [onA, onB]) {
      await waitFor(() => view.client.texts().length === 3 && phaseOf(view.latest()) === null, {
        what: 'all cards on both instances, the phase over',
      })
      await new Promise((resolve) => setTimeout(resolve, 300))
      expect(view.client.texts().sort()).toEqual([...texts].sort())
    }
  })

  it('finishes a reveal whose instance died before the write, on the instance that had the board loaded', async () => {
    const workshop = await createWorkshop(a.url)
    const boardId = workshop.boardIds[0]!
    const texts = ['Überlebt eins', 'Überlebt zwei']
    await collect(workshop, boardId, texts)
    const reader = await joinParticipant(b.url, workshop, 'Leserin')
    const onB = await watchBoardState(b.url, boardId, reader.participantToken)
    clients.push(onB.client)
    // A begins the reveal and is killed before its board write (a lease ago: it stays dead).
    expect(await cardsOf(a).beginReveal(boardId, false, Date.now() - REVEAL_LEASE_MS)).not.toBeNull()
    await a.server.close()
    // B had the board loaded all along (no load event there); a device asking for its private
    // cards after reconnecting is enough for B to complete the reveal.
    const listed = await callRoute(b.url, routes.listPrivateCards, {
      params: { boardId },
      token: reader.participantToken,
    })
    expect(listed.status).toBe(200)
    await waitFor(() => onB.client.texts().length === 2 && phaseOf(onB.latest()) === null, {
      what: 'B completes the reveal',
    })
    expect(onB.client.texts().sort()).toEqual([...texts].sort())
    expect(await cardsOf(b).getPhase(boardId)).toBeNull()

    // A comes back on the same data: the same board, every card once.
    a = await startTestServer(env)
    const onA = await watchBoardState(a.url, boardId, reader.participantToken)
    clients.push(onA.client)
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(onA.client.texts().sort()).toEqual([...texts].sort())
  })
})
