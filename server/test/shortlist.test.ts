import type { IdeaCardShape } from '@pinnwand/shared'
import { updateTable } from '@pinnwand/shared/boardRoutes'
import { callApi } from '@pinnwand/shared/contract/callApi'
import { exportBoard } from '@pinnwand/shared/exportRoutes'
import * as ideaRoutes from '@pinnwand/shared/ideaRoutes'
import { importBoard } from '@pinnwand/shared/importRoutes'
import * as routes from '@pinnwand/shared/shortlistRoutes'
import * as votingRoutes from '@pinnwand/shared/votingRoutes'
import { createWorkshop } from '@pinnwand/shared/workshopRoutes'
import { unzipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type BoardClient,
  connectClient,
  joinParticipant,
  startTestServer,
  type TestServer,
} from './helpers/testServer.ts'
import { docxText, pdfText, squash } from './exportParsers.ts'
import { callRoute } from './helpers/callRoute.ts'
import { waitFor } from './helpers/waitFor.ts'
import { errorCode, vote } from './votingHelpers.ts'

let t: TestServer
beforeAll(async () => {
  t = await startTestServer()
})
afterAll(async () => {
  await t.stop()
})

interface Event {
  workshopId: string
  joinCode: string
  facilitator: string
  tables: string[]
  plenary: string
}

/** A workshop with two theme tables and a plenary board (template 'plenum'). */
async function eventWithPlenary(): Promise<Event> {
  const created = await callApi(
    createWorkshop,
    {
      body: {
        title: 'Regionalforum',
        boards: [{ title: 'Tisch 1: Mobilität' }, { title: 'Tisch 2: Grün' }, { title: 'Plenum', template: 'plenum' }],
      },
    },
    { baseUrl: t.url },
  )
  const ids = created.boards.map((b) => b.id)
  return {
    workshopId: created.workshop.id,
    joinCode: created.workshop.joinCode,
    facilitator: created.facilitatorToken,
    tables: ids.slice(0, 2),
    plenary: ids[2]!,
  }
}

async function addIdeas(event: Event, boardId: string, texts: string[]): Promise<string[]> {
  const ids: string[] = []
  for (const text of texts) {
    const created = await callApi(
      ideaRoutes.createIdea,
      { params: { boardId }, body: { text }, token: event.facilitator },
      { baseUrl: t.url },
    )
    if (!('idea' in created)) throw new Error(`idea held for moderation: ${text}`)
    ids.push(created.idea.id)
  }
  return ids
}

/** Opens a round, lets voters place the given dots per idea, reveals it. */
async function revealedRound(event: Event, boardId: string, ideaIds: string[], dots: number[]): Promise<string> {
  const { roundId } = await callApi(
    votingRoutes.openRound,
    { params: { boardId }, body: { dotsPerParticipant: 50, ideaIds }, token: event.facilitator },
    { baseUrl: t.url },
  )
  const voter = await joinParticipant(
    t.url,
    { workshopId: event.workshopId, joinCode: event.joinCode } as never,
    'Wähler',
  )
  for (const [i, n] of dots.entries()) {
    for (let k = 0; k < n; k++)
      expect((await vote(t.url, voter.participantToken, roundId, ideaIds[i]!)).status).toBe(200)
  }
  await callApi(votingRoutes.revealRound, { params: { roundId }, token: event.facilitator }, { baseUrl: t.url })
  return roundId
}

const setShortlist = (event: Event, boardId: string, ideaIds: string[]) =>
  callApi(
    routes.replaceShortlist,
    { params: { boardId }, body: { ideaIds }, token: event.facilitator },
    { baseUrl: t.url },
  )

const promoteTop = (event: Event, boardId: string, roundId: string, top: number) =>
  callApi(
    routes.promoteToShortlist,
    { params: { boardId }, body: { roundId, top }, token: event.facilitator },
    { baseUrl: t.url },
  )

/** Two rounds on one table promoted (top 1 each) at the same moment, on the current server `t`. */
async function twoPromotionsAtOnce() {
  const event = await eventWithPlenary()
  const [table] = event.tables as [string]
  const ideas = await addIdeas(event, table, ['A', 'B', 'C', 'D'])
  const first = await revealedRound(event, table, [ideas[0]!, ideas[1]!], [2, 1])
  const second = await revealedRound(event, table, [ideas[2]!, ideas[3]!], [1, 3])
  const promote = (roundId: string) =>
    callRoute(t.url, routes.promoteToShortlist, {
      params: { boardId: table },
      body: { roundId, top: 1 },
      token: event.facilitator,
    })
  const answers = await Promise.all([promote(first), promote(second)])
  const stored = await callApi(
    routes.getShortlist,
    { params: { boardId: table }, token: event.facilitator },
    { baseUrl: t.url },
  )
  const shortlisted = stored.shortlist.map((e) => e.text).sort()
  return { event, answers, shortlisted }
}

const shortlistCards = (client: BoardClient, sourceBoardId: string) =>
  [...client.records.map.values()]
    .map((e) => e.val)
    .filter(
      (r): r is IdeaCardShape =>
        r.typeName === 'shape' &&
        r.type === 'idea-card' &&
        (r.meta as { shortlist?: { boardId?: string } }).shortlist?.boardId === sourceBoardId,
    )

describe('the shortlist', () => {
  it('is read by everyone, changed by the facilitator only, and validated', async () => {
    const event = await eventWithPlenary()
    const [table] = event.tables as [string]
    const [a, b] = await addIdeas(event, table, ['Radweg', 'Busspur'])
    const p = await joinParticipant(t.url, { workshopId: event.workshopId, joinCode: event.joinCode } as never, 'Ada')
    const read = await callRoute(t.url, routes.getShortlist, { params: { boardId: table }, token: p.participantToken })
    expect(read.body).toEqual({ shortlist: [] })
    const put = (body: { ideaIds: string[] }, token = event.facilitator) =>
      callRoute(t.url, routes.replaceShortlist, { params: { boardId: table }, body, token })
    expect((await put({ ideaIds: [a!] }, p.participantToken)).status).toBe(403)
    const unknown = await put({ ideaIds: [a!, 'shape:nope'] })
    expect([unknown.status, errorCode(unknown)]).toEqual([422, 'unknown_idea'])
    // Bodies the schema refuses, sent anyway: the server must refuse them.
    for (const body of [{}, { ideaIds: 'x' }, { ideaIds: [a], extra: 1 }, { ideaIds: Array(201).fill(a) }]) {
      expect((await put(body as never)).status, JSON.stringify(body).slice(0, 40)).toBe(400)
    }
    const saved = await put({ ideaIds: [b!, a!, b!] })
    expect(saved.body.shortlist.map((e) => [e.ideaId, e.text])).toEqual([
      [b, 'Busspur'],
      [a, 'Radweg'],
    ])
    // A listed idea whose card is deleted stays listed with its text.
    const room = await t.server.rooms.open(table)
    await room.change((records) => records.delete(a!))
    t.server.rooms.releaseIfIdle(room)
    const kept = await put({ ideaIds: [a!, b!] })
    expect(kept.status).toBe(200)
    expect(kept.body.shortlist[0]).toMatchObject({ ideaId: a, text: 'Radweg' })
  })

  it('promotes the top N of a revealed round, ties at the boundary included, never before the reveal', async () => {
    const event = await eventWithPlenary()
    const [table, other] = event.tables as [string, string]
    const ideas = await addIdeas(event, table, ['A', 'B', 'C', 'D', 'E'])
    const open = await callApi(
      votingRoutes.openRound,
      { params: { boardId: table }, body: { dotsPerParticipant: 3 }, token: event.facilitator },
      { baseUrl: t.url },
    )
    const early = await callRoute(t.url, routes.promoteToShortlist, {
      params: { boardId: table },
      body: { roundId: open.roundId, top: 3 },
      token: event.facilitator,
    })
    expect([early.status, errorCode(early)]).toEqual([409, 'not_revealed'])
    await callApi(
      votingRoutes.closeRound,
      { params: { roundId: open.roundId }, token: event.facilitator },
      { baseUrl: t.url },
    )

    const roundId = await revealedRound(event, table, ideas, [4, 3, 2, 2, 0])
    const promote = (body: { roundId: string; top: number }, boardId = table) =>
      callRoute(t.url, routes.promoteToShortlist, { params: { boardId }, body, token: event.facilitator })
    const wrongBoard = await promote({ roundId, top: 3 }, other)
    expect([wrongBoard.status, errorCode(wrongBoard)]).toEqual([404, 'round_not_found'])
    const top = await promote({ roundId, top: 3 })
    expect(top.body.shortlist.map((e) => [e.text, e.votes])).toEqual([
      ['A', 4],
      ['B', 3],
      ['C', 2],
      ['D', 2],
    ])
    expect(top.body.shortlist[0]!.roundId).toBe(roundId)
    // Promoting again changes nothing.
    expect((await promote({ roundId, top: 3 })).body).toEqual(top.body)
  })

  it('two promotions at once both land (the change is read and written in one transaction)', async () => {
    const { answers, shortlisted } = await twoPromotionsAtOnce()
    expect(answers.map((a) => a.status)).toEqual([200, 200])
    expect(shortlisted).toEqual(['A', 'D'])
  })

  it('is gathered live into the plenary board, labelled by table, and the plenary can vote on it', async () => {
    const event = await eventWithPlenary()
    const [t1, t2] = event.tables as [string, string]
    const p = await joinParticipant(t.url, { workshopId: event.workshopId, joinCode: event.joinCode } as never, 'Ada')
    // The organiser opens the plenary for its vote (a closed plenary refuses participants).
    const opened = await callRoute(t.url, updateTable, {
      params: { boardId: event.plenary },
      token: event.facilitator,
      body: { openToParticipants: true },
    })
    expect(opened.status).toBe(200)
    const plenary = await connectClient(t.url, event.plenary, p.participantToken)
    try {
      const ideas1 = await addIdeas(event, t1, ['Radweg am Fluss', 'Busspur', 'Carsharing'])
      const ideas2 = await addIdeas(event, t2, ['Gemeinschaftsgarten', 'Bäume pflanzen'])
      await setShortlist(event, t1, [ideas1[0]!, ideas1[2]!])
      await waitFor(() => shortlistCards(plenary, t1).length === 2, { what: 'table 1 shortlist on the plenary' })
      const cards1 = shortlistCards(plenary, t1)
      expect(cards1.map((c) => c.props.text).sort()).toEqual(['Carsharing', 'Radweg am Fluss'])
      const cluster1 = plenary.records.get(cards1[0]!.parentId)!
      expect(cluster1).toMatchObject({ type: 'cluster', props: { title: 'Tisch 1: Mobilität' } })
      expect(cards1[0]!.meta).toMatchObject({ shortlist: { boardId: t1 } })

      const roundId = await revealedRound(event, t2, ideas2, [1, 2])
      await promoteTop(event, t2, roundId, 2)
      await waitFor(() => shortlistCards(plenary, t2).length === 2, { what: 'table 2 shortlist on the plenary' })
      const cluster2 = plenary.records.get(shortlistCards(plenary, t2)[0]!.parentId)!
      expect(cluster2).toMatchObject({ type: 'cluster', props: { title: 'Tisch 2: Grün' } })
      expect(cluster2.id).not.toBe(cluster1.id)
      // Each gathered card says where it comes from: table, rank and points in the table's round.
      expect(shortlistCards(plenary, t2).find((c) => c.props.text === 'Bäume pflanzen')!.meta).toMatchObject({
        shortlist: { votes: 2, rank: 1, table: 'Tisch 2: Grün', tableNumber: 2, position: 1 },
      })
      expect(shortlistCards(plenary, t2).map((c) => c.props.author)).toEqual(['', ''])

      // Unlisting removes the card live; other tables stay.
      await setShortlist(event, t1, [ideas1[2]!])
      await waitFor(() => shortlistCards(plenary, t1).length === 1, { what: 'the unlisted card to leave' })
      expect(shortlistCards(plenary, t2)).toHaveLength(2)

      // The plenary's own round across the gathered shortlists, by cluster.
      const open = await callRoute(t.url, votingRoutes.openRound, {
        params: { boardId: event.plenary },
        token: event.facilitator,
        body: { dotsPerParticipant: 2, clusterIds: [cluster1.id, cluster2.id] },
      })
      expect(open.status).toBe(201)
      const { round } = await callApi(
        votingRoutes.getRound,
        { params: { roundId: open.body.roundId }, token: event.facilitator },
        { baseUrl: t.url },
      )
      expect(round.ideaIds).toHaveLength(3)
      const target = shortlistCards(plenary, t2)[0]!.id
      expect((await vote(t.url, p.participantToken, open.body.roundId, target)).status).toBe(200)
      // Participants can move gathered cards but not rewrite them (they are the facilitator's).
      expect(cards1[0]!.props.authorId).not.toBe(p.participantId)

      // The plenary's own shortlist is not gathered into itself.
      await setShortlist(event, event.plenary, [target])
      expect(shortlistCards(plenary, event.plenary)).toHaveLength(0)
    } finally {
      plenary.destroy()
    }
  })
})

describe('voting in the record of the day', () => {
  it('exports rounds with rankings, proxy marks and the shortlist; a JSON import restores them', async () => {
    const event = await eventWithPlenary()
    const [table] = event.tables as [string]
    const ideas = await addIdeas(event, table, ['Radweg am Fluss', 'Busspur', 'Carsharing'])
    const roundId = await revealedRound(event, table, ideas, [2, 1, 0])
    const second = await callApi(
      votingRoutes.openRound,
      {
        params: { boardId: table },
        body: { dotsPerParticipant: 2, maxPerIdea: 1, anonymous: true },
        token: event.facilitator,
      },
      { baseUrl: t.url },
    )
    await callApi(
      votingRoutes.castVote,
      {
        params: { roundId: second.roundId },
        body: { ideaId: ideas[2]!, delta: 1, onBehalfOf: 'Herr Weber' },
        token: event.facilitator,
      },
      { baseUrl: t.url },
    )
    await callApi(
      votingRoutes.revealRound,
      { params: { roundId: second.roundId }, token: event.facilitator },
      { baseUrl: t.url },
    )
    await promoteTop(event, table, roundId, 2)

    const exported = (format: string) =>
      callApi(
        exportBoard,
        { params: { boardId: table }, query: { format }, token: event.facilitator },
        { baseUrl: t.url },
      )
    const download = async (format: string) => (await exported(format)).text()
    const md = await download('md')
    expect(md).toMatch(/## Shortlist[^\n]*\n\n1\. Radweg am Fluss\n2\. Busspur/)
    expect(md).toContain('| 1 | Radweg am Fluss | 2 |')
    expect(md).toContain('| 1 | Carsharing | 1 (davon 1 stellvertretend) |')
    expect(md).toContain('Runde 2')
    const csv = await download('csv')
    expect(csv).toContain('Punkte Runde 1;Punkte Runde 2;Shortlist')
    const binary = async (format: string) => new Uint8Array(await (await exported(format)).arrayBuffer())
    const pdf = squash(await pdfText(await binary('pdf')))
    const docx = squash(docxText(new TextDecoder().decode(unzipSync(await binary('docx'))['word/document.xml'])))
    for (const text of [pdf, docx]) {
      // Shortlist, both rounds' rankings with counts, the proxy mark.
      for (const expected of [
        'Shortlist',
        'Runde 1',
        'Runde 2',
        'Radweg am Fluss2',
        'Busspur1',
        'davon 1 stellvertretend',
      ]) {
        expect(text).toContain(squash(expected))
      }
    }

    const backup = JSON.parse(await download('json'))
    expect(backup.report.rounds).toHaveLength(2)
    const imported = await callRoute(t.url, importBoard, {
      params: { workshopId: event.workshopId },
      token: event.facilitator,
      body: backup,
    })
    expect(imported.status).toBe(201)
    const copy = imported.body.board.id
    const { rounds } = await callApi(
      votingRoutes.listRounds,
      { params: { boardId: copy }, token: event.facilitator },
      { baseUrl: t.url },
    )
    expect(rounds.map((r) => r.status)).toEqual(['revealed', 'revealed'])
    const [r1, r2] = rounds
    expect(r1!.results!.ranking.map((e) => [e.text, e.votes, e.rank])).toEqual([
      ['Radweg am Fluss', 2, 1],
      ['Busspur', 1, 2],
      ['Carsharing', 0, 3],
    ])
    expect(r2).toMatchObject({ dotsPerParticipant: 2, anonymous: true })
    expect(r2!.results!.ranking[0]).toMatchObject({ text: 'Carsharing', votes: 1, proxyVotes: 1 })
    const shortlist = await callApi(
      routes.getShortlist,
      { params: { boardId: copy }, token: event.facilitator },
      { baseUrl: t.url },
    )
    expect(shortlist.shortlist.map((e) => e.text)).toEqual(['Radweg am Fluss', 'Busspur'])
    // Imported rounds are a record: they never block a new round.
    const next = await callRoute(t.url, votingRoutes.openRound, {
      params: { boardId: copy },
      token: event.facilitator,
      body: { dotsPerParticipant: 1 },
    })
    expect(next.status).toBe(201)
  })
})

// The same shortlist store on PostgreSQL (row locks instead of SQLite's single writer).
const databaseUrl = process.env.DATABASE_URL
describe.skipIf(!databaseUrl)('the shortlist on PostgreSQL', () => {
  let sqlite: TestServer
  beforeAll(async () => {
    sqlite = t
    t = await startTestServer({ DATABASE_URL: databaseUrl! })
  })
  afterAll(async () => {
    await t.stop()
    t = sqlite
  })

  it('two promotions at once both land, and the plenary gathers them', async () => {
    const { event, shortlisted } = await twoPromotionsAtOnce()
    expect(shortlisted).toEqual(['A', 'D'])
    const plenary = await callApi(
      ideaRoutes.listIdeas,
      { params: { boardId: event.plenary }, token: event.facilitator },
      { baseUrl: t.url },
    )
    expect(plenary.ideas.map((i) => i.text).sort()).toEqual(['A', 'D'])
  })
})
