import type { BoardStateMessage } from '@pinnwand/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type FreshDatabase, freshPostgres } from './helpers/freshPostgres.ts'
import {
  api,
  type BoardClient,
  createWorkshop,
  ideaCard,
  joinParticipant,
  serverRoundTrip,
  startTestServer,
  type TestServer,
  watchBoardState,
} from './helpers/testServer.ts'
import { waitFor } from './helpers/waitFor.ts'

const databaseUrl = process.env.DATABASE_URL
const redisUrl = process.env.REDIS_URL

const cardsOf = (state: BoardStateMessage) => (state.privatePhase as { cards?: number } | null)?.cards

describe.skipIf(!databaseUrl || !redisUrl)('Stilles Sammeln on two instances (DATABASE_URL, REDIS_URL)', () => {
  let database: FreshDatabase
  let a: TestServer
  let b: TestServer
  const clients: BoardClient[] = []

  beforeAll(async () => {
    database = await freshPostgres(databaseUrl!, 'private_relay')
    const env = { DATABASE_URL: database.url, REDIS_URL: redisUrl! }
    a = await startTestServer(env)
    b = await startTestServer(env)
  })
  afterAll(async () => {
    for (const client of clients) client.destroy()
    await a?.stop()
    await b?.stop()
    await database?.drop()
  })

  it('counts a card written on the other instance, refuses shared cards on both, reveals to both', async () => {
    const workshop = await createWorkshop(a.url)
    const boardId = workshop.boardIds[0]!
    const ada = await joinParticipant(a.url, workshop, 'Ada')
    const bob = await joinParticipant(b.url, workshop, 'Bob')
    const onA = await watchBoardState(a.url, boardId, ada.participantToken)
    const onB = await watchBoardState(b.url, boardId, bob.participantToken)
    clients.push(onA.client, onB.client)

    const started = await api(a.url, 'POST', `/api/boards/${boardId}/private-phase`, {
      token: workshop.facilitatorToken,
      body: {},
    })
    expect(started.status).toBe(200)
    await waitFor(() => onB.latest().privatePhase != null, { what: 'B learns of the phase started on A' })

    // Bob writes on B; Ada, on A, sees the count rise (and never the text).
    const bobs = await api(b.url, 'POST', `/api/boards/${boardId}/private-cards`, {
      token: bob.participantToken,
      body: { text: 'VERSTECKT-auf-B' },
    })
    expect(bobs.status).toBe(201)
    await waitFor(() => cardsOf(onA.latest()) === 1, { what: 'the count reaches instance A' })
    expect(JSON.stringify(onA.states)).not.toContain('VERSTECKT')
    expect(onA.client.texts()).toEqual([])

    // A shared card written on B during the phase is refused there and never reaches A.
    const sneaky = ideaCard(bob.participantId, 'SCHLEICHWEG')
    onB.client.records.set(sneaky.id, sneaky)
    await waitFor(() => !onB.client.has(sneaky.id), { what: 'B reverts the shared card' })
    await serverRoundTrip(onA.client.provider)
    expect(onA.client.has(sneaky.id)).toBe(false)

    // Bob reads his card from instance A too (one database).
    const mine = await api(a.url, 'GET', `/api/boards/${boardId}/private-cards`, { token: bob.participantToken })
    expect(mine.body.cards.map((c: { text: string }) => c.text)).toEqual(['VERSTECKT-auf-B'])

    const revealed = await api(b.url, 'POST', `/api/boards/${boardId}/private-phase/reveal`, {
      token: workshop.facilitatorToken,
      body: { anonymous: false },
    })
    expect(revealed.status).toBe(200)
    await waitFor(() => onA.client.texts().includes('VERSTECKT-auf-B') && onA.latest().privatePhase === null, {
      what: 'the reveal on B reaches A',
    })
    expect(onB.client.texts()).toEqual(['VERSTECKT-auf-B'])
  })
})
