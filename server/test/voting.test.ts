import { callApi } from '@pinnwand/shared/contract/callApi'
import * as boardRoutes from '@pinnwand/shared/boardRoutes'
import * as ideaRoutes from '@pinnwand/shared/ideaRoutes'
import * as votingRoutes from '@pinnwand/shared/votingRoutes'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { callRoute } from './helpers/callRoute.ts'
import { api, createWorkshop, joinParticipant, startTestServer, type TestServer } from './helpers/testServer.ts'
import { boardWithIdeas, errorCode, openRound, participants, vote, type VotingBoard } from './votingHelpers.ts'

let t: TestServer
beforeAll(async () => {
  t = await startTestServer()
})
afterAll(async () => {
  await t.stop()
})

describe('a voting round', () => {
  let board: VotingBoard
  let roundId: string
  let ada: string
  let bo: string

  beforeAll(async () => {
    board = await boardWithIdeas(t.server, 4)
    ;[ada, bo] = (await participants(t.url, board.workshop, 2)) as [string, string]
    roundId = await openRound(t.url, board, { dotsPerParticipant: 3, maxPerIdea: 2 })
  })

  it('enforces budget, cap and removal', async () => {
    const [a, b, c] = board.ideaIds as [string, string, string]
    expect((await vote(t.url, ada, roundId, a)).body).toEqual({ myVotes: { [a]: 1 }, remaining: 2 })
    expect((await vote(t.url, ada, roundId, a)).body).toEqual({ myVotes: { [a]: 2 }, remaining: 1 })
    const capped = await vote(t.url, ada, roundId, a)
    expect([capped.status, errorCode(capped)]).toEqual([409, 'idea_cap_reached'])
    expect((await vote(t.url, ada, roundId, b)).body).toEqual({ myVotes: { [a]: 2, [b]: 1 }, remaining: 0 })
    const broke = await vote(t.url, ada, roundId, c)
    expect([broke.status, errorCode(broke)]).toEqual([409, 'budget_exhausted'])
    const nothing = await vote(t.url, ada, roundId, c, -1)
    expect([nothing.status, errorCode(nothing)]).toEqual([409, 'no_vote_to_remove'])
    expect((await vote(t.url, ada, roundId, a, -1)).body).toEqual({ myVotes: { [a]: 1, [b]: 1 }, remaining: 1 })
    expect((await vote(t.url, bo, roundId, c)).status).toBe(200)
    const me = await callApi(votingRoutes.myRoundVotes, { params: { roundId }, token: ada }, { baseUrl: t.url })
    expect(me).toMatchObject({ roundId, status: 'open', myVotes: { [a]: 1, [b]: 1 }, remaining: 1 })
  })

  it('allows one open round per board', async () => {
    const res = await callRoute(t.url, votingRoutes.openRound, {
      params: { boardId: board.boardId },
      token: board.workshop.facilitatorToken,
      body: { dotsPerParticipant: 1 },
    })
    expect([res.status, errorCode(res)]).toEqual([409, 'round_already_open'])
  })

  it('hides the distribution from participants and the projector until revealed', async () => {
    const { projectorToken, facilitatorToken } = board.workshop
    for (const token of [ada, projectorToken]) {
      const results = await callRoute(t.url, votingRoutes.roundResults, { params: { roundId }, token })
      expect([results.status, errorCode(results)]).toEqual([403, 'not_revealed'])
      const list = await callRoute(t.url, votingRoutes.listRounds, { params: { boardId: board.boardId }, token })
      expect(list.status).toBe(200)
      expect(list.body.rounds[0]!.results).toBeUndefined()
      expect(list.body.rounds[0]!.progress).toEqual({ voters: 2, totalVotes: 3 })
      const single = await callApi(votingRoutes.getRound, { params: { roundId }, token }, { baseUrl: t.url })
      expect(single.round.results).toBeUndefined()
      const ideas = await callApi(
        ideaRoutes.listIdeas,
        { params: { boardId: board.boardId }, token },
        { baseUrl: t.url },
      )
      for (const idea of ideas.ideas) expect(idea.votes).toBeUndefined()
      // Nothing that looks like counts per idea anywhere in these answers.
      expect(JSON.stringify([list.body, single, ideas])).not.toContain('ranking')
    }
    const close = await callApi(
      votingRoutes.closeRound,
      { params: { roundId }, token: facilitatorToken },
      { baseUrl: t.url },
    )
    expect(close.round.status).toBe('closed')
    const stillHidden = await callRoute(t.url, votingRoutes.roundResults, { params: { roundId }, token: bo })
    expect([stillHidden.status, errorCode(stillHidden)]).toEqual([403, 'not_revealed'])
    const late = await vote(t.url, bo, roundId, board.ideaIds[3]!)
    expect([late.status, errorCode(late)]).toEqual([409, 'round_not_open'])
    const mine = await callApi(votingRoutes.myRoundVotes, { params: { roundId }, token: bo }, { baseUrl: t.url })
    expect(mine.myVotes).toEqual({ [board.ideaIds[2]!]: 1 })
  })

  it('shows the facilitator the results at any time, with named ballots', async () => {
    const res = await callRoute(t.url, votingRoutes.roundResults, {
      params: { roundId },
      token: board.workshop.facilitatorToken,
    })
    expect(res.status).toBe(200)
    const [a, b, c, d] = board.ideaIds as [string, string, string, string]
    expect(res.body).toMatchObject({ status: 'closed', voters: 2, totalVotes: 3 })
    expect(res.body.ranking.map((r: any) => [r.ideaId, r.votes, r.rank])).toEqual([
      [a, 1, 1],
      [b, 1, 1],
      [c, 1, 1],
      [d, 0, 4],
    ])
    expect(res.body.ranking[0]!.text).toBe('Idee 1')
    expect(res.body.ballots!.map((x: any) => x.name).sort()).toEqual(['P0', 'P1'])
  })

  it('reveals: everyone sees the ranking, and the idea list carries the votes', async () => {
    const forbidden = await callRoute(t.url, votingRoutes.revealRound, { params: { roundId }, token: ada })
    expect(forbidden.status).toBe(403)
    const reveal = await callApi(
      votingRoutes.revealRound,
      { params: { roundId }, token: board.workshop.facilitatorToken },
      { baseUrl: t.url },
    )
    expect(reveal.round.status).toBe('revealed')
    for (const token of [ada, board.workshop.projectorToken]) {
      const res = await callRoute(t.url, votingRoutes.roundResults, { params: { roundId }, token })
      expect(res.status).toBe(200)
      expect(res.body).toMatchObject({ status: 'revealed', voters: 2, totalVotes: 3 })
      expect(res.body.ballots).toBeUndefined()
      const ideas = await callApi(
        ideaRoutes.listIdeas,
        { params: { boardId: board.boardId }, token },
        { baseUrl: t.url },
      )
      expect(ideas.ideas.map((i: any) => i.votes[roundId])).toEqual([1, 1, 1, 0])
      const list = await callApi(
        votingRoutes.listRounds,
        { params: { boardId: board.boardId }, token },
        { baseUrl: t.url },
      )
      expect(list.rounds[0]!.results!.ranking).toHaveLength(4)
    }
    // Results of every round are kept; the next round opens.
    const next = await openRound(t.url, board, { dotsPerParticipant: 1, ideaIds: [board.ideaIds[0]!] })
    const list = await callApi(
      votingRoutes.listRounds,
      { params: { boardId: board.boardId }, token: ada },
      { baseUrl: t.url },
    )
    expect(list.rounds.map((r: any) => [r.id, r.status])).toEqual([
      [roundId, 'revealed'],
      [next, 'open'],
    ])
  })
})

describe('bad votes', () => {
  let board: VotingBoard
  let roundId: string
  let token: string

  beforeAll(async () => {
    board = await boardWithIdeas(t.server, 3)
    ;[token] = (await participants(t.url, board.workshop, 1)) as [string]
    roundId = await openRound(t.url, board, {
      dotsPerParticipant: 5,
      ideaIds: [board.ideaIds[0]!, board.ideaIds[1]!],
      anonymous: true,
    })
  })

  it('refuses malformed bodies with 400 validation_failed', async () => {
    for (const delta of [5, -3, 'x', 0, 1.5, null]) {
      const res = await vote(t.url, token, roundId, board.ideaIds[0]!, delta)
      expect([res.status, errorCode(res)], `delta ${JSON.stringify(delta)}`).toEqual([400, 'validation_failed'])
    }
    for (const delta of [1e9, -1e9, 2 ** 53, -(2 ** 53), '1', true, [1]]) {
      const res = await vote(t.url, token, roundId, board.ideaIds[0]!, delta)
      expect([res.status, errorCode(res)], `delta ${JSON.stringify(delta)}`).toEqual([400, 'validation_failed'])
    }
    const longId = await vote(t.url, token, roundId, 'shape:' + 'x'.repeat(10_000))
    expect([longId.status, errorCode(longId)]).toEqual([400, 'validation_failed'])
    const longRequest = await vote(t.url, token, roundId, board.ideaIds[0]!, 1, 'r'.repeat(101))
    expect([longRequest.status, errorCode(longRequest)]).toEqual([400, 'validation_failed'])
    const extra = await callRoute(t.url, votingRoutes.castVote, {
      params: { roundId },
      token,
      body: { ideaId: board.ideaIds[0]!, delta: 1, weight: 10 } as never,
    })
    expect(extra.status).toBe(400)
    const noIdea = await callRoute(t.url, votingRoutes.castVote, {
      params: { roundId },
      token,
      body: { delta: 1 } as never,
    })
    expect(noIdea.status).toBe(400)
    const notJson = await api(t.url, 'POST', `/api/rounds/${roundId}/votes`, { token, body: '{"ideaId":' })
    expect(notJson.status).toBe(400)
    const me = await callApi(votingRoutes.myRoundVotes, { params: { roundId }, token }, { baseUrl: t.url })
    expect(me.remaining).toBe(5)
  })

  it('refuses ineligible, unknown and deleted cards with 422', async () => {
    const outside = await vote(t.url, token, roundId, board.ideaIds[2]!)
    expect([outside.status, errorCode(outside)]).toEqual([422, 'idea_not_eligible'])
    const unknown = await vote(t.url, token, roundId, 'shape:nope')
    expect([unknown.status, errorCode(unknown)]).toEqual([422, 'idea_not_eligible'])
    // Delete a card while the round is open (as a client would, through the board document).
    const victim = board.ideaIds[1]!
    expect((await vote(t.url, token, roundId, victim)).status).toBe(200)
    const room = await t.server.rooms.open(board.boardId)
    await room.change((records) => records.delete(victim))
    const deleted = await vote(t.url, token, roundId, victim)
    expect([deleted.status, errorCode(deleted)]).toEqual([422, 'idea_not_eligible'])
    // The dot on the vanished card can be taken back, so it is not lost from the budget.
    expect((await vote(t.url, token, roundId, victim, -1)).body).toEqual({ myVotes: {}, remaining: 5 })
  })

  it('answers a replayed request id with the first answer and changes nothing', async () => {
    const idea = board.ideaIds[0]!
    const first = await vote(t.url, token, roundId, idea, 1, 'tap-1')
    expect(first.body).toEqual({ myVotes: { [idea]: 1 }, remaining: 4 })
    const again = await Promise.all([1, 2, 3].map(() => vote(t.url, token, roundId, idea, 1, 'tap-1')))
    for (const res of again) expect([res.status, res.body]).toEqual([200, first.body])
    const refused = await vote(t.url, token, roundId, board.ideaIds[2]!, 1, 'tap-2')
    expect((await vote(t.url, token, roundId, board.ideaIds[2]!, 1, 'tap-2')).body).toEqual(refused.body)
    expect((await vote(t.url, token, roundId, idea, 1, 'tap-3')).body.myVotes[idea]).toBe(2)
    const me = await callApi(votingRoutes.myRoundVotes, { params: { roundId }, token }, { baseUrl: t.url })
    expect(me.myVotes).toEqual({ [idea]: 2 })
  })

  it('50 taps a second from one device: never over budget, every answer consistent', async () => {
    const fresh = await boardWithIdeas(t.server, 2)
    const [device] = (await participants(t.url, fresh.workshop, 1)) as [string]
    const round = await openRound(t.url, fresh, { dotsPerParticipant: 5 })
    // 40 dots and 10 take-backs, all in flight at once, each with its own request id.
    const taps = Array.from({ length: 50 }, (_, i) => ({
      ideaId: fresh.ideaIds[i % 2]!,
      delta: (i % 5 === 4 ? -1 : 1) as 1 | -1,
      requestId: `burst-${i}`,
    }))
    const answers = await Promise.all(
      taps.map((tap) => vote(t.url, device, round, tap.ideaId, tap.delta, tap.requestId)),
    )
    let net = 0
    answers.forEach((res, i) => {
      if (res.status === 200) net += taps[i]!.delta
      // The per-token rate limit may slow such a device down: a 429 is refused before any vote logic.
      else expect(['budget_exhausted', 'no_vote_to_remove', 'rate_limited']).toContain(errorCode(res))
    })
    const me = await callApi(
      votingRoutes.myRoundVotes,
      { params: { roundId: round }, token: device },
      { baseUrl: t.url },
    )
    const used = Object.values(me.myVotes as Record<string, number>).reduce((a, b) => a + b, 0)
    expect(used).toBe(net)
    expect(used).toBeLessThanOrEqual(5)
    expect(me.remaining).toBe(5 - used)
    // Every accepted answer is a state the ballot really passed through: never above budget.
    for (const res of answers.filter((a) => a.status === 200)) expect(res.body.remaining).toBeGreaterThanOrEqual(0)
    // Taps resent (retries after a network drop) get their first answer and change nothing.
    for (const [i, tap] of taps.entries()) {
      if (answers[i]!.status === 429 || i >= 10) continue
      const again = await vote(t.url, device, round, tap.ideaId, tap.delta, tap.requestId)
      expect(again.body).toEqual(answers[i]!.body)
    }
    // This device has spent its request budget by now: read the ballot once the limit lets it.
    let after = await callRoute(t.url, votingRoutes.myRoundVotes, { params: { roundId: round }, token: device })
    for (let i = 0; i < 5 && after.status === 429; i++) {
      await new Promise((resolve) => setTimeout(resolve, Number(after.headers.get('retry-after')) * 1000))
      after = await callRoute(t.url, votingRoutes.myRoundVotes, { params: { roundId: round }, token: device })
    }
    expect(after.body.myVotes).toEqual(me.myVotes)
  })

  it('keeps the projector, other workshops and anonymous tokens out', async () => {
    const projector = await vote(t.url, board.workshop.projectorToken, roundId, board.ideaIds[0]!)
    expect(projector.status).toBe(403)
    const projectorProxy = await callRoute(t.url, votingRoutes.castVote, {
      params: { roundId },
      token: board.workshop.projectorToken,
      body: { ideaId: board.ideaIds[0]!, delta: 1, onBehalfOf: 'Gast' },
    })
    expect(projectorProxy.status).toBe(403)
    const other = await createWorkshop(t.url)
    const stranger = await joinParticipant(t.url, other, 'Mallory')
    const foreign = await vote(t.url, stranger.participantToken, roundId, board.ideaIds[0]!)
    expect([foreign.status, errorCode(foreign)]).toEqual([404, 'round_not_found'])
    const foreignResults = await callRoute(t.url, votingRoutes.roundResults, {
      params: { roundId },
      token: other.facilitatorToken,
    })
    expect(foreignResults.status).toBe(404)
    const foreignClose = await callRoute(t.url, votingRoutes.closeRound, {
      params: { roundId },
      token: other.facilitatorToken,
    })
    expect(foreignClose.status).toBe(404)
    const noToken = await vote(t.url, '', roundId, board.ideaIds[0]!)
    expect(noToken.status).toBe(401)
    const participantOpens = await callRoute(t.url, votingRoutes.openRound, {
      params: { boardId: board.boardId },
      token,
      body: { dotsPerParticipant: 3 },
    })
    expect(participantOpens.status).toBe(403)
    const participantCloses = await callRoute(t.url, votingRoutes.closeRound, { params: { roundId }, token })
    expect(participantCloses.status).toBe(403)
    // Anonymous round: the facilitator sees counts but not who voted for what.
    const results = await callApi(
      votingRoutes.roundResults,
      { params: { roundId }, token: board.workshop.facilitatorToken },
      { baseUrl: t.url },
    )
    expect(results.ballots).toBeUndefined()
  })

  it('refuses the next tap of a participant the facilitator removed, at once', async () => {
    // Taps read the token and the participant on every request: nothing about a person is cached.
    const carla = await joinParticipant(t.url, board.workshop, 'Carla')
    expect((await vote(t.url, carla.participantToken, roundId, board.ideaIds[0]!)).status).toBe(200)
    const removed = await callRoute(t.url, boardRoutes.revokeParticipant, {
      params: { workshopId: board.workshop.workshopId, participantId: carla.participantId },
      token: board.workshop.facilitatorToken,
    })
    expect(removed.status).toBe(204)
    expect((await vote(t.url, carla.participantToken, roundId, board.ideaIds[1]!)).status).toBe(401)
  })

  it('validates round settings', async () => {
    const fresh = await boardWithIdeas(t.server, 1)
    for (const body of [
      { dotsPerParticipant: 0 },
      { dotsPerParticipant: 51 },
      { dotsPerParticipant: 3, maxPerIdea: 0 },
      { dotsPerParticipant: 3, durationSeconds: 1.5 },
      { dotsPerParticipant: 3, ideaIds: [] },
      { dotsPerParticipant: 3, colour: 'red' },
      {},
    ]) {
      const res = await callRoute(t.url, votingRoutes.openRound, {
        params: { boardId: fresh.boardId },
        token: fresh.workshop.facilitatorToken,
        body: body as never,
      })
      expect([res.status, errorCode(res)], JSON.stringify(body)).toEqual([400, 'validation_failed'])
    }
    const unknownIdea = await callRoute(t.url, votingRoutes.openRound, {
      params: { boardId: fresh.boardId },
      token: fresh.workshop.facilitatorToken,
      body: { dotsPerParticipant: 3, ideaIds: ['shape:nope'] },
    })
    expect([unknownIdea.status, errorCode(unknownIdea)]).toEqual([422, 'unknown_idea'])
    const missing = await callRoute(t.url, votingRoutes.roundResults, {
      params: { roundId: 'r_missing' },
      token: fresh.workshop.facilitatorToken,
    })
    expect([missing.status, errorCode(missing)]).toEqual([404, 'round_not_found'])
  })
})
