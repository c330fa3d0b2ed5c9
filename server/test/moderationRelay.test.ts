import type { BoardStateMessage, ModerationSection } from '@pinnwand/shared'
import { updateTable } from '@pinnwand/shared/boardRoutes'
import * as routes from '@pinnwand/shared/moderationRoutes'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { callRoute } from './helpers/callRoute.ts'
import { type FreshDatabase, freshPostgres } from './helpers/freshPostgres.ts'
import {
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

const moderationOf = (state: BoardStateMessage) => state.moderation as ModerationSection | null | undefined

describe.skipIf(!databaseUrl || !redisUrl)('Moderation on two instances (DATABASE_URL, REDIS_URL)', () => {
  let database: FreshDatabase
  let a: TestServer
  let b: TestServer
  const clients: BoardClient[] = []

  beforeAll(async () => {
    database = await freshPostgres(databaseUrl!, 'moderation_relay')
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

  it('holds a card written on B, refuses shared cards on both, approves once from two instances at once', async () => {
    const workshop = await createWorkshop(a.url)
    const boardId = workshop.boardIds[0]!
    const ada = await joinParticipant(a.url, workshop, 'Ada')
    const bob = await joinParticipant(b.url, workshop, 'Bob')
    const onA = await watchBoardState(a.url, boardId, ada.participantToken)
    const onB = await watchBoardState(b.url, boardId, bob.participantToken)
    clients.push(onA.client, onB.client)

    const switched = await callRoute(a.url, updateTable, {
      params: { boardId },
      token: workshop.facilitatorToken,
      body: { moderation: true },
    })
    expect(switched.status).toBe(200)
    await waitFor(() => moderationOf(onB.latest())?.on === true, { what: 'B learns of the setting made on A' })

    const bobs = await callRoute(b.url, routes.createHeldCard, {
      params: { boardId },
      body: { text: 'WARTET-auf-B' },
      token: bob.participantToken,
    })
    expect(bobs.status).toBe(201)
    await waitFor(() => moderationOf(onA.latest())?.waiting === 1, { what: 'the count reaches instance A' })
    expect(JSON.stringify(onA.states)).not.toContain('WARTET')

    // A shared card written on B is refused there and never reaches A; it waits for approval
    // instead (heldBackRescue.test.ts), which A learns as a count.
    const sneaky = ideaCard(bob.participantId, 'SCHLEICHWEG')
    onB.client.records.set(sneaky.id, sneaky)
    await waitFor(() => !onB.client.has(sneaky.id), { what: 'B reverts the shared card' })
    await serverRoundTrip(onA.client.provider)
    expect(onA.client.has(sneaky.id)).toBe(false)
    await waitFor(() => moderationOf(onA.latest())?.waiting === 2, { what: 'the kept card counted on A' })
    expect(JSON.stringify(onA.states)).not.toContain('SCHLEICHWEG')

    // Two facilitator tabs, one on each instance, approve at the same moment: one card.
    const cardId = bobs.body.card.id
    const both = await Promise.all(
      [a, b].map((server) =>
        callRoute(server.url, routes.approveHeldCard, {
          params: { boardId, cardId },
          body: {},
          token: workshop.facilitatorToken,
        }),
      ),
    )
    expect(both.map((r) => r.status).filter((s) => s === 200)).toHaveLength(1)
    await waitFor(() => onA.client.texts().includes('WARTET-auf-B') && onB.client.texts().includes('WARTET-auf-B'), {
      what: 'the approved card reaches both instances',
    })
    await serverRoundTrip(onA.client.provider)
    await serverRoundTrip(onB.client.provider)
    expect(onA.client.texts()).toEqual(['WARTET-auf-B'])
    expect(onB.client.texts()).toEqual(['WARTET-auf-B'])
    // The kept card still waits.
    await waitFor(() => moderationOf(onA.latest())?.waiting === 1 && moderationOf(onB.latest())?.waiting === 1)
  })
})
