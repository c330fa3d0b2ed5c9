import { BOARD_STATE_MESSAGE, type CreateIdeaResponse } from '@pinnwand/shared'
import type { CreateRoundBody, ExtendRoundBody } from '@pinnwand/shared/votingApi'
import { callApi } from '@pinnwand/shared/contract/callApi'
import * as boardRoutes from '@pinnwand/shared/boardRoutes'
import * as ideaRoutes from '@pinnwand/shared/ideaRoutes'
import * as votingRoutes from '@pinnwand/shared/votingRoutes'
import { VotingRuntime } from '../src/voting/votingService.ts'
import * as decoding from 'lib0/decoding'
import type { z } from 'zod'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { callRoute } from './helpers/callRoute.ts'
import { connectClient, ideaCard, startTestServer, type TestServer } from './helpers/testServer.ts'
import { waitFor } from './helpers/waitFor.ts'
import { boardWithIdeas, errorCode, openRound, participants, vote } from './votingHelpers.ts'

let t: TestServer
beforeAll(async () => {
  t = await startTestServer()
})
afterAll(async () => {
  await t.stop()
})

describe('eligibility by cluster', () => {
  it('resolves chosen clusters to their cards when the round opens', async () => {
    const board = await boardWithIdeas(t.server, 1)
    const token = board.workshop.facilitatorToken
    const params = { boardId: board.boardId }
    const cluster = async (title: string) =>
      (await callApi(boardRoutes.createCluster, { params, body: { title }, token }, { baseUrl: t.url })).cluster.id
    const idea = async (text: string, clusterId: string) => {
      const created = await callApi(
        ideaRoutes.createIdea,
        { params, body: { text, clusterId }, token },
        { baseUrl: t.url },
      )
      return (created as CreateIdeaResponse).idea.id
    }
    const open = (body: z.input<typeof CreateRoundBody>) =>
      callRoute(t.url, votingRoutes.openRound, { params, body, token })
    const mobility = await cluster('Mobilität')
    const green = await cluster('Grün')
    const empty = await cluster('Leer')
    const bus = await idea('Bus', mobility)
    const bike = await idea('Rad', mobility)
    const tree = await idea('Baum', green)

    const refusedEmpty = await open({ dotsPerParticipant: 2, clusterIds: [empty] })
    expect([refusedEmpty.status, errorCode(refusedEmpty)]).toEqual([422, 'no_eligible_ideas'])
    const unknown = await open({ dotsPerParticipant: 2, clusterIds: ['shape:nope'] })
    expect([unknown.status, errorCode(unknown)]).toEqual([422, 'unknown_cluster'])
    expect((unknown.body.error as { details?: unknown } | undefined)?.details).toEqual({ clusterIds: ['shape:nope'] })
    const bad = await open({ dotsPerParticipant: 2, clusterIds: [] })
    expect(bad.status).toBe(400)

    const roundId = await openRound(t.url, board, { dotsPerParticipant: 2, clusterIds: [mobility], ideaIds: [tree] })
    const round = await callApi(votingRoutes.getRound, { params: { roundId }, token }, { baseUrl: t.url })
    expect(round.round.ideaIds!.sort()).toEqual([bus, bike, tree].sort())
    const [p] = (await participants(t.url, board.workshop, 1)) as [string]
    expect((await vote(t.url, p, roundId, bus)).status).toBe(200)
    const outside = await vote(t.url, p, roundId, board.ideaIds[0]!)
    expect([outside.status, errorCode(outside)]).toEqual([422, 'idea_not_eligible'])
    // A card added to the cluster after the round opened is not part of it.
    const late = await idea('Tram', mobility)
    const lateVote = await vote(t.url, p, roundId, late)
    expect([lateVote.status, errorCode(lateVote)]).toEqual([422, 'idea_not_eligible'])
  })
})

describe('proxy votes', () => {
  it('the facilitation has no dots of its own unless the round gives it some', async () => {
    const board = await boardWithIdeas(t.server, 2)
    const [a] = board.ideaIds as [string]
    const facilitator = board.workshop.facilitatorToken
    const first = await openRound(t.url, board, { dotsPerParticipant: 2 })
    const refused = await vote(t.url, facilitator, first, a)
    expect([refused.status, errorCode(refused)]).toEqual([403, 'facilitators_do_not_vote'])
    // A proxy vote for someone without a device is still the facilitator's to place.
    const proxied = await callRoute(t.url, votingRoutes.castVote, {
      params: { roundId: first },
      token: facilitator,
      body: { ideaId: a, delta: 1, onBehalfOf: 'Herr Weber' },
    })
    expect(proxied.status).toBe(200)
    const round = await callApi(
      votingRoutes.getRound,
      { params: { roundId: first }, token: facilitator },
      { baseUrl: t.url },
    )
    expect(round.round.facilitatorsVote).toBe(false)
    await callApi(votingRoutes.closeRound, { params: { roundId: first }, token: facilitator }, { baseUrl: t.url })

    const second = await openRound(t.url, board, { dotsPerParticipant: 2, facilitatorsVote: true })
    expect((await vote(t.url, facilitator, second, a)).body).toEqual({ myVotes: { [a]: 1 }, remaining: 1 })
  })

  it('count within each named person’s own budget, are the facilitator’s alone, and are marked', async () => {
    const board = await boardWithIdeas(t.server, 3)
    const [a, b, c] = board.ideaIds as [string, string, string]
    const facilitator = board.workshop.facilitatorToken
    const [p] = (await participants(t.url, board.workshop, 1)) as [string]
    const roundId = await openRound(t.url, board, { dotsPerParticipant: 2, maxPerIdea: 2, facilitatorsVote: true })
    const proxy = (name: string, ideaId: string, delta: 1 | -1 = 1, requestId?: string) =>
      callRoute(t.url, votingRoutes.castVote, {
        params: { roundId },
        token: facilitator,
        body: { ideaId, delta, onBehalfOf: name, ...(requestId ? { requestId } : {}) },
      })

    expect((await proxy('Frau Özdemir', a)).body).toEqual({ myVotes: { [a]: 1 }, remaining: 1 })
    // The same person however the name is typed; a retry changes nothing.
    expect((await proxy(' frau  özdemir', a, 1, 'x1')).body).toEqual({ myVotes: { [a]: 2 }, remaining: 0 })
    expect((await proxy('FRAU ÖZDEMIR', a, 1, 'x1')).body).toEqual({ myVotes: { [a]: 2 }, remaining: 0 })
    const over = await proxy('Frau Özdemir', b)
    expect([over.status, errorCode(over)]).toEqual([409, 'budget_exhausted'])
    // Another name has its own budget; the facilitator's own budget is untouched.
    expect((await proxy('Herr Weber', b)).body).toEqual({ myVotes: { [b]: 1 }, remaining: 1 })
    expect((await vote(t.url, facilitator, roundId, c)).body).toEqual({ myVotes: { [c]: 1 }, remaining: 1 })
    expect((await proxy('Herr Weber', b, -1)).body).toEqual({ myVotes: {}, remaining: 2 })
    expect((await proxy('Herr Weber', b)).status).toBe(200)

    const byParticipant = await callRoute(t.url, votingRoutes.castVote, {
      params: { roundId },
      token: p,
      body: { ideaId: a, delta: 1, onBehalfOf: 'Mallory' },
    })
    expect([byParticipant.status, errorCode(byParticipant)]).toEqual([403, 'forbidden'])
    const longName = await proxy('x'.repeat(61), a)
    expect([longName.status, errorCode(longName)]).toEqual([400, 'validation_failed'])
    const blank = await proxy('   ', a)
    expect(blank.status).toBe(400)

    const me = await callApi(
      votingRoutes.myRoundVotes,
      { params: { roundId }, query: { onBehalfOf: 'frau özdemir' }, token: facilitator },
      { baseUrl: t.url },
    )
    expect(me).toMatchObject({ myVotes: { [a]: 2 }, remaining: 0 })
    const peek = await callRoute(t.url, votingRoutes.myRoundVotes, {
      params: { roundId },
      query: { onBehalfOf: 'Herr Weber' },
      token: p,
    })
    expect(peek.status).toBe(403)
    const proxies = await callApi(
      votingRoutes.roundProxies,
      { params: { roundId }, token: facilitator },
      { baseUrl: t.url },
    )
    expect(proxies).toEqual({
      proxies: [
        { name: 'Frau Özdemir', used: 2 },
        { name: 'Herr Weber', used: 1 },
      ],
    })
    expect((await callRoute(t.url, votingRoutes.roundProxies, { params: { roundId }, token: p })).status).toBe(403)

    await callApi(votingRoutes.revealRound, { params: { roundId }, token: facilitator }, { baseUrl: t.url })
    const results = await callApi(
      votingRoutes.roundResults,
      { params: { roundId }, token: facilitator },
      { baseUrl: t.url },
    )
    expect(results).toMatchObject({ voters: 3, totalVotes: 4 })
    expect(results.ranking.slice(0, 3)).toEqual([
      { ideaId: a, text: 'Idee 1', votes: 2, rank: 1, proxyVotes: 2 },
      { ideaId: b, text: 'Idee 2', votes: 1, rank: 2, proxyVotes: 1 },
      { ideaId: c, text: 'Idee 3', votes: 1, rank: 2 },
    ])
    const names = results.ballots!.map((x) => [x.name, x.proxy ?? false])
    expect(names).toEqual(
      [
        ['Frau Özdemir', true],
        ['Herr Weber', true],
        ['Moderation', false],
      ].sort((x, y) => String(x[0]).localeCompare(String(y[0]))),
    )
    // Participants see the marks too (they are part of the result), but never ballots.
    const seen = await callApi(votingRoutes.roundResults, { params: { roundId }, token: p }, { baseUrl: t.url })
    expect(seen.ranking[0]!.proxyVotes).toBe(2)
    expect(seen.ballots).toBeUndefined()
  })
})

describe('timer controls', () => {
  it('pause, resume and extend are the facilitator’s, move the deadline, and reach the board-state channel', async () => {
    const board = await boardWithIdeas(t.server, 1)
    const facilitator = board.workshop.facilitatorToken
    const [p] = (await participants(t.url, board.workshop, 1)) as [string]
    const sections: Record<string, unknown>[] = []
    const watcher = await connectClient(t.url, board.boardId, p, { params: { state: '1' } })
    watcher.provider.messageHandlers[BOARD_STATE_MESSAGE] = (_encoder, decoder) => {
      const state = JSON.parse(decoding.readVarString(decoder)) as { round?: Record<string, unknown> | null }
      if (state.round) sections.push(state.round)
    }
    try {
      const roundId = await openRound(t.url, board, { dotsPerParticipant: 2, durationSeconds: 600 })
      const params = { roundId }
      const pause = (token = facilitator) => callRoute(t.url, votingRoutes.pauseRound, { params, token })
      const resume = () => callRoute(t.url, votingRoutes.resumeRound, { params, token: facilitator })
      const extend = (body?: z.input<typeof ExtendRoundBody>) =>
        callRoute(t.url, votingRoutes.extendRound, { params, body, token: facilitator })
      const opened = (await t.server.services.get(VotingRuntime).store.getRound(roundId))!

      expect((await pause(p)).status).toBe(403)
      const paused = await pause()
      expect(paused.status).toBe(200)
      expect(paused.body.round.closesAt).toBeNull()
      const left = paused.body.round.pausedRemainingMs as number
      expect(left).toBeGreaterThan(590_000)
      expect(left).toBeLessThanOrEqual(600_000)
      await waitFor(
        () => sections.some((s) => s.id === roundId && s.closesAt === null && s.pausedRemainingMs === left),
        {
          what: 'the paused timer on the channel',
        },
      )
      // Votes still count while the clock is stopped; pausing twice changes nothing.
      expect((await vote(t.url, p, roundId, board.ideaIds[0]!)).status).toBe(200)
      expect((await pause()).body.round.pausedRemainingMs).toBe(left)

      const extended = await extend({ seconds: 30 })
      expect(extended.body.round.pausedRemainingMs).toBe(left + 30_000)
      const resumed = await resume()
      const closesAt = resumed.body.round.closesAt as number
      expect(resumed.body.round.pausedRemainingMs).toBeNull()
      expect(closesAt).toBeGreaterThanOrEqual(Date.now() + left + 30_000 - 1_000)
      expect(closesAt).toBeGreaterThan(opened.closesAt!)

      const plusMinute = await extend()
      expect(plusMinute.body.round.closesAt).toBe(closesAt + 60_000)
      await waitFor(() => sections.some((s) => s.closesAt === closesAt + 60_000), {
        what: 'the extension on the channel',
      })
      for (const seconds of [0, -60, 3601, 1.5, 'x']) {
        const res = await extend({ seconds } as never)
        expect([res.status, errorCode(res)], String(seconds)).toEqual([400, 'validation_failed'])
      }

      await callApi(votingRoutes.closeRound, { params, token: facilitator }, { baseUrl: t.url })
      const closed = await extend()
      expect([closed.status, errorCode(closed)]).toEqual([409, 'round_not_open'])
      const untimed = await openRound(t.url, board, { dotsPerParticipant: 1 })
      const none = await callRoute(t.url, votingRoutes.pauseRound, { params: { roundId: untimed }, token: facilitator })
      expect([none.status, errorCode(none)]).toEqual([409, 'round_has_no_timer'])
    } finally {
      watcher.destroy()
    }
  })

  it('an extended round does not close at its old deadline; a paused one does not close at all', async () => {
    const board = await boardWithIdeas(t.server, 1)
    const facilitator = board.workshop.facilitatorToken
    const roundId = await openRound(t.url, board, { dotsPerParticipant: 1, durationSeconds: 1 })
    await callApi(
      votingRoutes.extendRound,
      { params: { roundId }, token: facilitator, body: { seconds: 2 } },
      { baseUrl: t.url },
    )
    await new Promise((resolve) => setTimeout(resolve, 1_300))
    expect((await t.server.services.get(VotingRuntime).store.getRound(roundId))!.status).toBe('open')
    await callApi(votingRoutes.pauseRound, { params: { roundId }, token: facilitator }, { baseUrl: t.url })
    await new Promise((resolve) => setTimeout(resolve, 2_000))
    const row = (await t.server.services.get(VotingRuntime).store.getRound(roundId))!
    expect(row).toMatchObject({ status: 'open', closesAt: null })
    expect(row.pausedRemainingMs).toBeGreaterThan(1_000)
    await callApi(votingRoutes.resumeRound, { params: { roundId }, token: facilitator }, { baseUrl: t.url })
    await waitFor(
      async () => (await t.server.services.get(VotingRuntime).store.getRound(roundId))?.status === 'closed',
      {
        timeout: 4_000,
        what: 'the resumed timer to close the round',
      },
    )
  })
})

describe('votes on the plenary side of things', () => {
  it('a card written into the board by the server is eligible like any other', async () => {
    const board = await boardWithIdeas(t.server, 0)
    const room = await t.server.rooms.open(board.boardId)
    const card = ideaCard('f_someone', 'Vom Server')
    await room.change((records) => records.set(card.id, card))
    t.server.rooms.releaseIfIdle(room)
    const roundId = await openRound(t.url, board, { dotsPerParticipant: 1 })
    const [p] = (await participants(t.url, board.workshop, 1)) as [string]
    expect((await vote(t.url, p, roundId, card.id)).status).toBe(200)
  })
})
