import { BOARD_STATE_MESSAGE } from '@pinnwand/shared'
import { callApi } from '@pinnwand/shared/contract/callApi'
import * as systemRoutes from '@pinnwand/shared/systemRoutes'
import * as votingRoutes from '@pinnwand/shared/votingRoutes'
import * as decoding from 'lib0/decoding'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { callRoute } from './helpers/callRoute.ts'
import { api, type BoardClient, connectClient, startTestServer, type TestServer } from './helpers/testServer.ts'
import { waitFor } from './helpers/waitFor.ts'
import { boardWithIdeas, openRound, participants, vote, type VotingBoard } from './votingHelpers.ts'

/**
 * "Results stay hidden until the facilitator reveals them" for every route a non-facilitator
 * can call: each GET route of the OpenAPI description (so routes added later are covered too)
 * and the board-state channel. What would leak the distribution: a ranking, ballots, votes per
 * idea (`votes` keys, as the idea list carries them after a reveal), proxy marks.
 */
const DISTRIBUTION_KEYS = /"(ranking|ballots|votes|proxyVotes|votesByIdea|votesByRound)":/

let t: TestServer
let board: VotingBoard
let roundId: string
let voter: string
let bystander: string
let projector: string

beforeAll(async () => {
  // Privacy, not rate limits: one token reads every route several times over (voting.test.ts has the limit).
  t = await startTestServer({ RATE_LIMIT_PER_SECOND: '0' })
  board = await boardWithIdeas(t.server, 3)
  ;[voter, bystander] = (await participants(t.url, board.workshop, 2)) as [string, string]
  projector = board.workshop.projectorToken
  roundId = await openRound(t.url, board, { dotsPerParticipant: 3, anonymous: false })
  expect((await vote(t.url, voter, roundId, board.ideaIds[0]!)).status).toBe(200)
  expect((await vote(t.url, voter, roundId, board.ideaIds[0]!)).status).toBe(200)
  await callApi(
    votingRoutes.castVote,
    {
      params: { roundId },
      token: board.workshop.facilitatorToken,
      body: { ideaId: board.ideaIds[1]!, delta: 1, onBehalfOf: 'Herr Weber' },
    },
    { baseUrl: t.url },
  )
})
afterAll(async () => {
  await t.stop()
})

async function getRoutes(): Promise<string[]> {
  const doc = await api(t.url, 'GET', '/api/openapi.json')
  return Object.entries(doc.body.paths as Record<string, Record<string, unknown>>)
    .filter(([, methods]) => 'get' in methods)
    .map(([path]) => path)
}

function fill(path: string, participantId: string): string {
  const values: Record<string, string> = {
    workshopId: board.workshop.workshopId,
    boardId: board.boardId,
    roundId,
    participantId,
    joinCode: board.workshop.joinCode,
  }
  return (
    path.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? 'x') +
    (path.endsWith('/export') ? '?format=json' : '')
  )
}

/** Calls every GET route as `token` and returns what each answered, as text. */
async function answersFor(token: string): Promise<{ route: string; status: number; text: string }[]> {
  const me = await callApi(systemRoutes.getMe, { token }, { baseUrl: t.url })
  const out = []
  for (const path of await getRoutes()) {
    const route = fill(path, me.userId)
    const res = await fetch(t.url + route, { headers: { authorization: `Bearer ${token}` } })
    out.push({ route, status: res.status, text: await res.text() })
  }
  return out
}

/** The board-state channel as a client sees it. */
async function stateChannel(token: string): Promise<{ client: BoardClient; messages: string[] }> {
  const messages: string[] = []
  const client = await connectClient(t.url, board.boardId, token, { params: { state: '1' } })
  client.provider.messageHandlers[BOARD_STATE_MESSAGE] = (_encoder, decoder) => {
    messages.push(decoding.readVarString(decoder))
  }
  return { client, messages }
}

describe('results hidden before the reveal', () => {
  for (const phase of ['open', 'closed'] as const) {
    it(`on every GET route, for participants and the projector, while the round is ${phase}`, async () => {
      if (phase === 'closed') {
        await callApi(
          votingRoutes.closeRound,
          { params: { roundId }, token: board.workshop.facilitatorToken },
          { baseUrl: t.url },
        )
      }
      const routes = await getRoutes()
      expect(routes).toEqual(expect.arrayContaining(['/api/rounds/{roundId}/results', '/api/boards/{boardId}/rounds']))
      for (const [who, token] of [
        ['voter', voter],
        ['bystander', bystander],
        ['projector', projector],
      ] as const) {
        for (const answer of await answersFor(token)) {
          expect(answer.status, `${who} ${answer.route}`).toBeLessThan(500)
          expect(answer.text, `${who} ${answer.route}`).not.toMatch(DISTRIBUTION_KEYS)
          // Only one's own dots: the bystander has none, and nobody sees the proxy voter's.
          if (/^\/api\/rounds\/[^/]+\/me$/.test(answer.route) && answer.status === 200) {
            const myVotes = JSON.parse(answer.text).myVotes
            expect(myVotes, `${who} ${answer.route}`).toEqual(who === 'voter' ? { [board.ideaIds[0]!]: 2 } : {})
          }
        }
      }
      const results = await callRoute(t.url, votingRoutes.roundResults, { params: { roundId }, token: bystander })
      expect([results.status, results.body.error?.code]).toEqual([403, 'not_revealed'])
    })
  }

  it('on the board-state channel (participants and projector), until and after the reveal', async () => {
    const watchers = await Promise.all([stateChannel(bystander), stateChannel(projector)])
    try {
      // A second round with more dots placed while everyone watches.
      const next = await openRound(t.url, board, { dotsPerParticipant: 2 })
      await vote(t.url, voter, next, board.ideaIds[2]!)
      await vote(t.url, voter, next, board.ideaIds[1]!)
      await waitFor(() => watchers.every((w) => w.messages.some((m) => m.includes('"totalVotes":2'))), {
        what: 'progress on the channel',
      })
      for (const { messages } of watchers) {
        for (const message of messages) {
          expect(message).not.toMatch(DISTRIBUTION_KEYS)
          for (const ideaId of board.ideaIds) {
            // Eligible ids would be fine (null here: all ideas); counts per id are not.
            expect(message).not.toContain(ideaId)
          }
          const round = JSON.parse(message).round
          if (round) {
            expect(Object.keys(round).sort()).toEqual(
              [
                'anonymous',
                'closesAt',
                'dotsPerParticipant',
                'eligibleIdeaIds',
                'facilitatorsVote',
                'id',
                'maxPerIdea',
                'pausedRemainingMs',
                'status',
                'totalVotes',
                'voters',
              ].sort(),
            )
          }
        }
      }
      await callApi(
        votingRoutes.revealRound,
        { params: { roundId: next }, token: board.workshop.facilitatorToken },
        { baseUrl: t.url },
      )
      await waitFor(() => watchers.every((w) => w.messages.some((m) => m.includes('"revealed"'))), {
        what: 'the reveal on the channel',
      })
      // The channel carries state, not results, even after the reveal: results come from the API.
      for (const { messages } of watchers) for (const m of messages) expect(m).not.toMatch(DISTRIBUTION_KEYS)
    } finally {
      for (const w of watchers) w.client.destroy()
    }
  })

  it('the check above would notice a leak: after the reveal the results do show the distribution', async () => {
    await callApi(
      votingRoutes.revealRound,
      { params: { roundId }, token: board.workshop.facilitatorToken },
      { baseUrl: t.url },
    )
    const answers = await answersFor(bystander)
    const results = answers.find((a) => a.route === `/api/rounds/${roundId}/results`)!
    expect(results.status).toBe(200)
    expect(results.text).toMatch(DISTRIBUTION_KEYS)
    expect(JSON.parse(results.text).ranking[1]).toMatchObject({ ideaId: board.ideaIds[1], votes: 1, proxyVotes: 1 })
  })
})
