import { rmSync } from 'node:fs'
import { VotingRuntime } from '../src/voting/votingService.ts'
import path from 'node:path'
import { callApi } from '@pinnwand/shared/contract/callApi'
import * as votingRoutes from '@pinnwand/shared/votingRoutes'
import { afterEach, describe, expect, it } from 'vitest'
import { loadConfig } from '../src/config.ts'
import { createServer, type RunningServer } from '../src/createServer.ts'
import { freshDataDir } from './helpers/testServer.ts'
import { waitFor } from './helpers/waitFor.ts'
import { boardWithIdeas, errorCode, openRound, participants, vote } from './votingHelpers.ts'

/** The real server on a given data directory (SQLite), so it can be restarted on the same data. */
function start(dataDir: string): Promise<RunningServer> {
  return createServer(
    loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      IDLE_UNLOAD_MS: '200',
      CLIENT_DIST: path.join(dataDir, 'no-client'),
    }),
  )
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

function track(dataDir: string, servers: RunningServer[]) {
  cleanups.push(async () => {
    for (const s of servers) await s.close()
    rmSync(dataDir, { recursive: true, force: true })
  })
}

describe('round timer', () => {
  it('closes a round at its deadline with no client connected', async () => {
    const dataDir = freshDataDir()
    const server = await start(dataDir)
    track(dataDir, [server])
    const board = await boardWithIdeas(server, 2)
    const [token] = (await participants(server.url, board.workshop, 1)) as [string]
    const roundId = await openRound(server.url, board, { dotsPerParticipant: 2, durationSeconds: 1 })
    expect((await vote(server.url, token, roundId, board.ideaIds[0]!)).status).toBe(200)
    const opened = await server.services.get(VotingRuntime).store.getRound(roundId)
    expect(opened?.closesAt).toBe(opened!.openedAt + 1000)

    // The stored row changes by itself: the server's timer wrote it, nobody asked.
    await waitFor(async () => (await server.services.get(VotingRuntime).store.getRound(roundId))?.status === 'closed', {
      timeout: 3000,
      what: 'the timer to close the round',
    })
    const closed = await server.services.get(VotingRuntime).store.getRound(roundId)
    expect(closed?.closedAt).toBe(opened!.closesAt)
    expect(Date.now()).toBeGreaterThanOrEqual(opened!.closesAt!)

    const late = await vote(server.url, token, roundId, board.ideaIds[1]!)
    expect([late.status, errorCode(late)]).toEqual([409, 'round_not_open'])
    const list = await callApi(
      votingRoutes.listRounds,
      { params: { boardId: board.boardId }, token },
      { baseUrl: server.url },
    )
    expect(list.rounds[0]).toMatchObject({ status: 'closed', closedAt: opened!.closesAt })
    // The board is free for the next round.
    await openRound(server.url, board, { dotsPerParticipant: 1 })
  })

  it('refuses votes from the deadline on, even before the timer has written it down', async () => {
    const dataDir = freshDataDir()
    const server = await start(dataDir)
    track(dataDir, [server])
    const board = await boardWithIdeas(server, 1)
    const [token] = (await participants(server.url, board.workshop, 1)) as [string]
    const roundId = await openRound(server.url, board, { dotsPerParticipant: 2, durationSeconds: 1 })
    // Stop the timer: only the deadline check is left.
    await server.services.get(VotingRuntime).timer.stop()
    await sleep(1100)
    expect((await server.services.get(VotingRuntime).store.getRound(roundId))?.status).toBe('open')
    const late = await vote(server.url, token, roundId, board.ideaIds[0]!)
    expect([late.status, errorCode(late)]).toEqual([409, 'round_not_open'])
    const me = await callApi(votingRoutes.myRoundVotes, { params: { roundId }, token }, { baseUrl: server.url })
    expect(me.status).toBe('closed')
  })
})

describe('server restart in the middle of a round', () => {
  it('loses no vote and still closes at the original deadline', async () => {
    const dataDir = freshDataDir()
    const servers: RunningServer[] = []
    track(dataDir, servers)
    const first = await start(dataDir)
    servers.push(first)
    const board = await boardWithIdeas(first, 3)
    const tokens = await participants(first.url, board.workshop, 10)
    const roundId = await openRound(first.url, board, { dotsPerParticipant: 2, durationSeconds: 3 })
    const before = await Promise.all(
      tokens.map((tk, i) => vote(first.url, tk, roundId, board.ideaIds[i % 3]!, 1, `r${i}`)),
    )
    expect(before.every((r) => r.status === 200)).toBe(true)
    const closesAt = (await first.services.get(VotingRuntime).store.getRound(roundId))!.closesAt!
    await first.close()

    const second = await start(dataDir)
    servers.push(second)
    for (const [i, token] of tokens.entries()) {
      const me = await callApi(votingRoutes.myRoundVotes, { params: { roundId }, token }, { baseUrl: second.url })
      expect(me).toMatchObject({ status: 'open', myVotes: { [board.ideaIds[i % 3]!]: 1 }, remaining: 1 })
      // A retry that reaches the new server answers like the first server did.
      const retry = await vote(second.url, token, roundId, board.ideaIds[i % 3]!, 1, `r${i}`)
      expect(retry.body).toEqual(before[i]!.body)
    }
    expect((await vote(second.url, tokens[0]!, roundId, board.ideaIds[1]!)).status).toBe(200)

    await waitFor(async () => (await second.services.get(VotingRuntime).store.getRound(roundId))?.status === 'closed', {
      timeout: 6000,
      what: 'the timer to close the round',
    })
    expect((await second.services.get(VotingRuntime).store.getRound(roundId))?.closedAt).toBe(closesAt)
    const results = await callApi(
      votingRoutes.roundResults,
      { params: { roundId }, token: board.workshop.facilitatorToken },
      { baseUrl: second.url },
    )
    expect(results).toMatchObject({ status: 'closed', voters: 10, totalVotes: 11 })
  })

  it('closes a round that ran out while the server was down, at its deadline', async () => {
    const dataDir = freshDataDir()
    const servers: RunningServer[] = []
    track(dataDir, servers)
    const first = await start(dataDir)
    servers.push(first)
    const board = await boardWithIdeas(first, 1)
    const [token] = (await participants(first.url, board.workshop, 1)) as [string]
    const roundId = await openRound(first.url, board, { dotsPerParticipant: 1, durationSeconds: 1 })
    expect((await vote(first.url, token, roundId, board.ideaIds[0]!)).status).toBe(200)
    const closesAt = (await first.services.get(VotingRuntime).store.getRound(roundId))!.closesAt!
    await first.close()
    await sleep(1200)

    const second = await start(dataDir)
    servers.push(second)
    // Closed during start-up, before the server even listened.
    const row = await second.services.get(VotingRuntime).store.getRound(roundId)
    expect(row).toMatchObject({ status: 'closed', closedAt: closesAt })
    const results = await callApi(
      votingRoutes.roundResults,
      { params: { roundId }, token: board.workshop.facilitatorToken },
      { baseUrl: second.url },
    )
    expect(results).toMatchObject({ status: 'closed', voters: 1, totalVotes: 1 })
  })

  it('keeps a paused timer paused across a restart, and an extension, and resumes with the time left', async () => {
    const dataDir = freshDataDir()
    const servers: RunningServer[] = []
    track(dataDir, servers)
    const first = await start(dataDir)
    servers.push(first)
    const board = await boardWithIdeas(first, 2)
    const [token] = (await participants(first.url, board.workshop, 1)) as [string]
    const facilitator = board.workshop.facilitatorToken
    const paused = await openRound(first.url, board, { dotsPerParticipant: 2, durationSeconds: 1 })
    const pause = await callApi(
      votingRoutes.pauseRound,
      { params: { roundId: paused }, token: facilitator },
      { baseUrl: first.url },
    )
    const left = pause.round.pausedRemainingMs as number
    expect(left).toBeGreaterThan(0)
    expect((await vote(first.url, token, paused, board.ideaIds[0]!)).status).toBe(200)
    const other = await boardWithIdeas(first, 1)
    const extended = await openRound(first.url, other, { dotsPerParticipant: 1, durationSeconds: 1 })
    await callApi(
      votingRoutes.extendRound,
      { params: { roundId: extended }, token: other.workshop.facilitatorToken, body: { seconds: 2 } },
      { baseUrl: first.url },
    )
    const extendedDeadline = (await first.services.get(VotingRuntime).store.getRound(extended))!.closesAt!
    await first.close()
    // Longer than both original deadlines.
    await sleep(1_200)

    const second = await start(dataDir)
    servers.push(second)
    expect(await second.services.get(VotingRuntime).store.getRound(paused)).toMatchObject({
      status: 'open',
      closesAt: null,
      pausedRemainingMs: left,
    })
    expect(await second.services.get(VotingRuntime).store.getRound(extended)).toMatchObject({
      status: 'open',
      closesAt: extendedDeadline,
    })
    // The extended round closes at its new deadline on the restarted server's own timer.
    await waitFor(
      async () => (await second.services.get(VotingRuntime).store.getRound(extended))?.status === 'closed',
      {
        timeout: 4_000,
        what: 'the extended round to close after the restart',
      },
    )
    expect((await second.services.get(VotingRuntime).store.getRound(extended))?.closedAt).toBe(extendedDeadline)

    const me = await callApi(votingRoutes.myRoundVotes, { params: { roundId: paused }, token }, { baseUrl: second.url })
    expect(me).toMatchObject({ status: 'open', remaining: 1 })
    const resumedAt = Date.now()
    const resume = await callApi(
      votingRoutes.resumeRound,
      { params: { roundId: paused }, token: facilitator },
      { baseUrl: second.url },
    )
    const closesAt = resume.round.closesAt as number
    expect(closesAt - resumedAt).toBeGreaterThanOrEqual(left - 50)
    expect(closesAt - resumedAt).toBeLessThanOrEqual(left + 1_000)
    await waitFor(async () => (await second.services.get(VotingRuntime).store.getRound(paused))?.status === 'closed', {
      timeout: 4_000,
      what: 'the resumed round to close',
    })
    expect((await second.services.get(VotingRuntime).store.getRound(paused))?.closedAt).toBe(closesAt)
  })
})
