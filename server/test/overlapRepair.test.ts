import type { IdeaCardShape } from '@pinnwand/shared'
import { type Box, CARD_SIZE, covers, placeNewCard } from '@pinnwand/shared/placement'
import { callApi } from '@pinnwand/shared/contract/callApi'
import { createWorkshop } from '@pinnwand/shared/workshopRoutes'
import type { TLRecord } from '@tldraw/tlschema'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import { MAX_REPAIRS_PER_CARD } from '../src/clusters/OverlapRepair.ts'
import { placedShapes } from '../src/domain/placement.ts'
import { type FreshDatabase, freshPostgres } from './helpers/freshPostgres.ts'
import {
  type BoardClient,
  connectClient,
  ideaCard,
  joinParticipant,
  serverRoundTrip,
  startTestServer,
  type TestServer,
  type TestWorkshop,
  userIdOf,
} from './helpers/testServer.ts'
import { waitFor } from './helpers/waitFor.ts'

const databaseUrl = process.env.DATABASE_URL
const redisUrl = process.env.REDIS_URL

const box = (card: IdeaCardShape): Box => ({ x: card.x, y: card.y, w: card.props.w, h: card.props.h })
const cardsOf = (client: BoardClient) =>
  [...client.records.map.values()]
    .map((entry) => entry.val)
    .filter((r): r is IdeaCardShape => r.typeName === 'shape' && r.type === 'idea-card')
const overlapping = (client: BoardClient) => {
  const cards = cardsOf(client)
  const pairs: string[] = []
  for (let i = 0; i < cards.length; i++)
    for (let j = i + 1; j < cards.length; j++)
      if (cards[i]!.parentId === cards[j]!.parentId && covers(box(cards[i]!), box(cards[j]!)))
        pairs.push(`${cards[i]!.props.text} / ${cards[j]!.props.text}`)
  return pairs
}
const layout = (client: BoardClient) =>
  JSON.stringify(
    cardsOf(client)
      .map((c) => [c.id, c.parentId, c.x, c.y])
      .sort(),
  )

/** Positions of `id` written by someone else (the server), as `client` received them. */
function movesSeenBy(client: BoardClient, id: string): { x: number; y: number }[] {
  const moves: { x: number; y: number }[] = []
  client.records.on(
    'change',
    (changes: Map<string, { action: string; newValue?: TLRecord }>, transaction: Y.Transaction) => {
      const change = changes.get(id)
      if (!transaction.local && change?.action === 'update') {
        const card = change.newValue as IdeaCardShape
        moves.push({ x: card.x, y: card.y })
      }
    },
  )
  return moves
}

async function thementisch(url: string): Promise<TestWorkshop> {
  const created = await callApi(
    createWorkshop,
    {
      body: {
        title: 'Mobilität',
        boards: [{ title: 'Tisch 1', question: 'Wie kommen wir hin?', template: 'thementisch' }],
      },
    },
    { baseUrl: url },
  )
  return {
    workshopId: created.workshop.id,
    joinCode: created.workshop.joinCode,
    facilitatorToken: created.facilitatorToken,
    projectorToken: '',
    boardIds: created.boards.map((b) => b.id),
  }
}

/** A participant's tab: places a new idea where her own view of the board puts it (shared `placeNewCard`). */
async function person(server: TestServer, workshop: TestWorkshop, name: string, clients: BoardClient[]) {
  const joined = await joinParticipant(server.url, workshop, name)
  const userId = await userIdOf(server.url, joined.participantToken)
  const client = await connectClient(server.url, workshop.boardIds[0]!, joined.participantToken)
  clients.push(client)
  return {
    client,
    /** The card her tab would add now; written with `post`. */
    draft(text: string): IdeaCardShape {
      const all = [...client.records.map.values()].map((entry) => entry.val)
      const spot = placeNewCard(placedShapes(all), { pageId: 'page:page' })
      const card = ideaCard(userId, text)
      return { ...card, parentId: spot.parentId as never, x: spot.x, y: spot.y, props: { ...card.props, ...CARD_SIZE } }
    },
    post(card: IdeaCardShape) {
      client.records.set(card.id, card)
    },
  }
}

function raceSuite(label: string, servers: () => [TestServer, TestServer]) {
  const clients: BoardClient[] = []
  afterEach(() => {
    for (const c of clients.splice(0)) c.destroy()
  })

  it(`${label}: ideas placed into the same slot at once end up side by side, each once`, async () => {
    const [a, b] = servers()
    const workshop = await thementisch(a.url)
    const people = [
      await person(a, workshop, 'Ada', clients),
      await person(b, workshop, 'Bea', clients),
      await person(a, workshop, 'Cem', clients),
    ]
    const written: IdeaCardShape[] = []
    const moves = new Map<string, { x: number; y: number }[]>()
    for (const round of [1, 2, 3, 4]) {
      // Every tab computes its slot before any of the others' cards arrive: the same slot.
      const drafts = people.map((p, i) => p.draft(`Idee ${round}.${i + 1}`))
      expect(new Set(drafts.map((d) => `${d.x},${d.y}`)).size).toBe(1)
      for (const draft of drafts) moves.set(draft.id, movesSeenBy(people[0]!.client, draft.id))
      people.forEach((p, i) => p.post(drafts[i]!))
      written.push(...drafts)
      await Promise.all(people.map((p) => serverRoundTrip(p.client.provider)))
      await waitFor(
        () =>
          people.every((p) => cardsOf(p.client).length === written.length && overlapping(p.client).length === 0) &&
          people.every((p) => layout(p.client) === layout(people[0]!.client)),
        { what: `round ${round}: no card covers another, on every tab alike`, timeout: 15_000 },
      )
    }
    // Each card exists once, with its text; all in the collecting area's grid.
    const cards = cardsOf(people[1]!.client)
    expect(cards.map((c) => c.props.text).sort()).toEqual(written.map((d) => d.props.text).sort())
    expect(new Set(cards.map((c) => `${c.x},${c.y}`)).size).toBe(written.length)
    // Per round one card stayed and two moved, each once: no instance fought another.
    const moveCounts = [...moves.values()].map((m) => m.length)
    expect(moveCounts.filter((n) => n > 1)).toEqual([])
    expect(moveCounts.filter((n) => n === 1)).toHaveLength(2 * 4)
  })

  it(`${label}: a client that keeps putting its card back onto another is answered a bounded number of times`, async () => {
    const [a, b] = servers()
    const workshop = await thementisch(a.url)
    const ada = await person(a, workshop, 'Ada', clients)
    const mallory = await person(b, workshop, 'Mallory', clients)
    const target = ada.draft('Adas Idee')
    ada.post(target)
    await waitFor(() => mallory.client.has(target.id), { what: "Ada's card at Mallory" })
    const pile = mallory.draft('Obendrauf')
    const onTop = { ...pile, x: target.x, y: target.y }
    const serverMoves = movesSeenBy(mallory.client, pile.id)
    const adaMoves = movesSeenBy(ada.client, target.id)
    mallory.post(onTop)
    for (let insisted = 1; insisted <= MAX_REPAIRS_PER_CARD; insisted++) {
      await waitFor(() => serverMoves.length === insisted, { what: `repair ${insisted}`, timeout: 10_000 })
      // Back onto Ada's card, as a hostile client can.
      mallory.post({ ...mallory.client.card(pile.id)!, x: target.x, y: target.y })
    }
    // Past the cap the server leaves her card there. A fresh card she drops afterwards is still
    // moved: when it has been, her insisting card was looked at too (it was due earlier).
    const marker = { ...mallory.draft('Noch eine'), x: target.x, y: target.y }
    mallory.post(marker)
    await waitFor(
      () => mallory.client.card(marker.id)!.x !== target.x || mallory.client.card(marker.id)!.y !== target.y,
      {
        what: 'the later card moved',
        timeout: 10_000,
      },
    )
    await serverRoundTrip(mallory.client.provider)
    expect(serverMoves).toHaveLength(MAX_REPAIRS_PER_CARD)
    expect(mallory.client.card(pile.id)).toMatchObject({ x: target.x, y: target.y })
    // Ada's card never moved for Mallory's; both instances agree.
    expect(adaMoves).toEqual([])
    expect(ada.client.card(target.id)).toMatchObject({ x: target.x, y: target.y, props: { text: 'Adas Idee' } })
    await waitFor(() => layout(ada.client) === layout(mallory.client), { what: 'both tabs alike' })
  })
}

describe('overlapping cards move apart on one instance (issue 13)', () => {
  let t: TestServer
  beforeAll(async () => {
    t = await startTestServer()
  })
  afterAll(() => t?.stop())
  raceSuite('one instance', () => [t, t])
})

describe.skipIf(!databaseUrl || !redisUrl)('overlapping cards move apart on two instances through Redis', () => {
  let database: FreshDatabase
  let a: TestServer
  let b: TestServer
  beforeAll(async () => {
    database = await freshPostgres(databaseUrl!, 'overlap_repair')
    const env = { DATABASE_URL: database.url, REDIS_URL: redisUrl! }
    a = await startTestServer(env)
    b = await startTestServer(env)
  })
  afterAll(async () => {
    await a?.stop()
    await b?.stop()
    await database?.drop()
  })
  raceSuite('two instances', () => [a, b])
})
