import { callApi } from '@pinnwand/shared/contract/callApi'
import * as votingRoutes from '@pinnwand/shared/votingRoutes'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { callRoute } from './helpers/callRoute.ts'
import { type ApiResponse, startTestServer, type TestServer } from './helpers/testServer.ts'
import { boardWithIdeas, errorCode, openRound, participants, vote } from './votingHelpers.ts'

const VOTERS = 100
const IDEAS = 5
const BUDGET = 3
const CAP = 2

/**
 * 100 people tap at once, every tap is sent twice (a retry with the same request id racing the
 * original), and each person taps twice as often as their budget allows. Each person's taps name
 * every idea at most twice, so the cap never decides and the budget alone does: exactly three
 * taps per person must win, whatever the interleaving.
 */
function concurrencySuite(name: string, env: () => Record<string, string>) {
  describe(name, () => {
    let t: TestServer

    beforeAll(async () => {
      t = await startTestServer(env())
    })
    afterAll(async () => {
      await t?.stop()
    })

    it('keeps totals exact with 100 concurrent voters, proxy votes and retries', { timeout: 180_000 }, async () => {
      const board = await boardWithIdeas(t.server, IDEAS)
      const tokens = await participants(t.url, board.workshop, VOTERS)
      const roundId = await openRound(t.url, board, { dotsPerParticipant: BUDGET, maxPerIdea: CAP })
      const taps = (voter: number) => [0, 1, 2, 3, 0, 1].map((k) => board.ideaIds[(voter + k) % IDEAS]!)

      // Meanwhile the facilitator enters proxy votes for people without a device, also retried.
      const proxyNames = ['Frau Özdemir', 'Herr Weber', 'Oma Liese', 'Gast am Fenster']
      const proxyTaps = Promise.all(
        proxyNames.flatMap((name, n) =>
          [0, 1, 2].map(async (k) => {
            const body = {
              ideaId: board.ideaIds[(n + k) % IDEAS]!,
              delta: 1 as const,
              onBehalfOf: name,
              requestId: `px${n}-${k}`,
            }
            const send = () =>
              withRetry(() =>
                callRoute(t.url, votingRoutes.castVote, {
                  params: { roundId },
                  token: board.workshop.facilitatorToken,
                  body,
                }),
              )
            const [a, b] = await Promise.all([send(), send()])
            return { a, b, name }
          }),
        ),
      )

      const answers = await Promise.all(
        tokens.map(async (token, voter) => {
          const perTap = await Promise.all(
            taps(voter).map(async (ideaId, k) => {
              const requestId = `v${voter}-t${k}`
              // The original and its retry race each other.
              const [a, b] = await Promise.all([
                voteWithRetry(t.url, token, roundId, ideaId, 1, requestId),
                voteWithRetry(t.url, token, roundId, ideaId, 1, requestId),
              ])
              const retryLater = await voteWithRetry(t.url, token, roundId, ideaId, 1, requestId)
              return { ideaId, a, b, retryLater }
            }),
          )
          return { token, perTap }
        }),
      )

      const expectedPerIdea = new Map<string, number>()
      for (const { token, perTap } of answers) {
        const accepted = perTap.filter((tap) => tap.a.status === 200)
        expect(accepted).toHaveLength(BUDGET)
        for (const tap of perTap) {
          // Retries answer exactly what the first attempt answered.
          expect(sameAnswer(tap.a, tap.b)).toBe(true)
          expect(sameAnswer(tap.a, tap.retryLater)).toBe(true)
          if (tap.a.status !== 200) expect([tap.a.status, errorCode(tap.a)]).toEqual([409, 'budget_exhausted'])
        }
        const me = await callApi(votingRoutes.myRoundVotes, { params: { roundId }, token }, { baseUrl: t.url })
        const myVotes = me.myVotes
        expect(Object.values(myVotes).reduce((s, n) => s + n, 0)).toBe(BUDGET)
        expect(me.remaining).toBe(0)
        for (const [ideaId, n] of Object.entries(myVotes)) {
          expect(n).toBeLessThanOrEqual(CAP)
          expectedPerIdea.set(ideaId, (expectedPerIdea.get(ideaId) ?? 0) + n)
        }
        const accepts = new Map<string, number>()
        for (const tap of accepted) accepts.set(tap.ideaId, (accepts.get(tap.ideaId) ?? 0) + 1)
        expect(Object.fromEntries(accepts)).toEqual(myVotes)
      }

      const expectedProxy = new Map<string, number>()
      for (const { a, b } of await proxyTaps) {
        expect([a.status, b.status]).toEqual([200, 200])
        expect(sameAnswer(a, b)).toBe(true)
      }
      proxyNames.forEach((_, n) => {
        for (const k of [0, 1, 2]) {
          const ideaId = board.ideaIds[(n + k) % IDEAS]!
          expectedPerIdea.set(ideaId, (expectedPerIdea.get(ideaId) ?? 0) + 1)
          expectedProxy.set(ideaId, (expectedProxy.get(ideaId) ?? 0) + 1)
        }
      })

      const results = await callRoute(t.url, votingRoutes.roundResults, {
        params: { roundId },
        token: board.workshop.facilitatorToken,
      })
      expect(results.status).toBe(200)
      expect(results.body.voters).toBe(VOTERS + proxyNames.length)
      expect(results.body.totalVotes).toBe((VOTERS + proxyNames.length) * BUDGET)
      for (const entry of results.body.ranking) {
        expect(entry.votes).toBe(expectedPerIdea.get(entry.ideaId) ?? 0)
        expect(entry.proxyVotes ?? 0).toBe(expectedProxy.get(entry.ideaId) ?? 0)
      }
      const proxies = await callApi(
        votingRoutes.roundProxies,
        { params: { roundId }, token: board.workshop.facilitatorToken },
        { baseUrl: t.url },
      )
      expect(proxies.proxies.map((p) => p.used)).toEqual([BUDGET, BUDGET, BUDGET, BUDGET])
      const ranked = results.body.ranking.map((r) => r.votes)
      expect(ranked).toEqual([...ranked].sort((x, y) => y - x))
    })

    it('lets the cap decide when everyone piles onto one idea', { timeout: 180_000 }, async () => {
      const board = await boardWithIdeas(t.server, 2)
      const tokens = await participants(t.url, board.workshop, 20)
      const roundId = await openRound(t.url, board, { dotsPerParticipant: 5, maxPerIdea: 2 })
      const hot = board.ideaIds[0]!
      const perVoter = await Promise.all(
        tokens.map((token) => Promise.all(Array.from({ length: 6 }, () => vote(t.url, token, roundId, hot)))),
      )
      for (const answers of perVoter) {
        expect(answers.filter((a) => a.status === 200)).toHaveLength(2)
        for (const a of answers.filter((x) => x.status !== 200)) expect(errorCode(a)).toBe('idea_cap_reached')
      }
      const results = await callApi(
        votingRoutes.roundResults,
        { params: { roundId }, token: board.workshop.facilitatorToken },
        { baseUrl: t.url },
      )
      expect(results.ranking[0]).toMatchObject({ ideaId: hot, votes: 40, rank: 1 })
      expect(results.totalVotes).toBe(40)
    })

    it('closing while votes fly accepts nothing after the close', { timeout: 180_000 }, async () => {
      const board = await boardWithIdeas(t.server, 3)
      const tokens = await participants(t.url, board.workshop, 40)
      const roundId = await openRound(t.url, board, { dotsPerParticipant: 3 })
      const votes = tokens.map((token, i) => vote(t.url, token, roundId, board.ideaIds[i % 3]!))
      const close = callRoute(t.url, votingRoutes.closeRound, {
        params: { roundId },
        token: board.workshop.facilitatorToken,
      })
      const answers = await Promise.all(votes)
      expect((await close).status).toBe(200)
      const accepted = answers.filter((a) => a.status === 200).length
      for (const a of answers.filter((x) => x.status !== 200)) expect(errorCode(a)).toBe('round_not_open')
      const results = await callApi(
        votingRoutes.roundResults,
        { params: { roundId }, token: board.workshop.facilitatorToken },
        { baseUrl: t.url },
      )
      expect(results.totalVotes).toBe(accepted)
      const after = await vote(t.url, tokens[0]!, roundId, board.ideaIds[0]!)
      expect([after.status, errorCode(after)]).toEqual([409, 'round_not_open'])
    })
  })
}

/**
 * What a real client does: when the network fails (here: a connection reset when 1,200 sockets
 * open at once on a 2-core machine) or the server says "not now" (503 while every database
 * connection is busy, 429 from the per-token rate limit), send the same request id again.
 */
function voteWithRetry(...args: Parameters<typeof vote>): Promise<ApiResponse> {
  return withRetry(() => vote(...args))
}

async function withRetry(send: () => Promise<ApiResponse>): Promise<ApiResponse> {
  for (let attempt = 1; ; attempt++) {
    try {
      const res = await send()
      if ((res.status !== 503 && res.status !== 429) || attempt >= 20) return res
    } catch (error) {
      if (attempt >= 20) throw error
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(1000, attempt * 50) + Math.random() * 50))
  }
}

function sameAnswer(x: ApiResponse, y: ApiResponse): boolean {
  return x.status === y.status && JSON.stringify(x.body) === JSON.stringify(y.body)
}

concurrencySuite('voting concurrency on SQLite', () => ({}))

// Only with a PostgreSQL to talk to; the URL is passed explicitly so no other test inherits it.
const databaseUrl = process.env.DATABASE_URL
describe.skipIf(!databaseUrl)('PostgreSQL', () => {
  concurrencySuite('voting concurrency on PostgreSQL', () => ({ DATABASE_URL: databaseUrl! }))
})
