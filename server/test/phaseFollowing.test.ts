import type { BoardPhase } from '@pinnwand/shared'
import type { CreateRoundBody } from '@pinnwand/shared/votingApi'
import { callApi } from '@pinnwand/shared/contract/callApi'
import * as boardRoutes from '@pinnwand/shared/boardRoutes'
import * as ideaRoutes from '@pinnwand/shared/ideaRoutes'
import * as votingRoutes from '@pinnwand/shared/votingRoutes'
import * as workshopRoutes from '@pinnwand/shared/workshopRoutes'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { callRoute } from './helpers/callRoute.ts'
import {
  createWorkshop,
  joinParticipant,
  startTestServer,
  type TestServer,
  type TestWorkshop,
  watchBoardState,
} from './helpers/testServer.ts'
import { waitFor } from './helpers/waitFor.ts'

/** Issue 14: opening a round sets the vote phase, revealing sets results; by hand still works. */
describe('phases follow the voting round', () => {
  let ts: TestServer
  let ws: TestWorkshop
  let board: string
  let participant: { participantId: string; participantToken: string }
  let watcher: Awaited<ReturnType<typeof watchBoardState>>

  const setPhase = (phase: BoardPhase) =>
    callRoute(ts.url, boardRoutes.setBoardPhase, {
      params: { boardId: board },
      body: { phase },
      token: ws.facilitatorToken,
    })
  const openRound = (body: z.input<typeof CreateRoundBody>) =>
    callRoute(ts.url, votingRoutes.openRound, { params: { boardId: board }, body, token: ws.facilitatorToken })
  /** The phase as stored (what a board loaded later, the dashboard and the report see). */
  const storedPhase = async () => {
    const overview = await callApi(
      workshopRoutes.workshopOverview,
      { params: { workshopId: ws.workshopId }, token: ws.facilitatorToken },
      { baseUrl: ts.url },
    )
    return overview.boards.find((b) => b.id === board)!.phase
  }

  beforeAll(async () => {
    ts = await startTestServer()
    ws = await createWorkshop(ts.url)
    board = ws.boardIds[0]!
    participant = await joinParticipant(ts.url, ws, 'Ada')
    // A participant's copy of the board: the phase chip reads this channel.
    watcher = await watchBoardState(ts.url, board, participant.participantToken)
  })
  afterAll(async () => {
    watcher?.client.destroy()
    await ts?.stop()
  })

  it('opening a round sets the vote phase, revealing it sets results, for everyone and in the store', async () => {
    expect(watcher.latest().phase).toBe('collect')
    await setPhase('cluster')
    await waitFor(() => watcher.latest().phase === 'cluster', { what: 'cluster phase by hand' })
    await callApi(
      ideaRoutes.createIdea,
      { params: { boardId: board }, body: { text: 'Trinkbrunnen' }, token: ws.facilitatorToken },
      { baseUrl: ts.url },
    )

    const open = await openRound({ dotsPerParticipant: 3 })
    expect(open.status).toBe(201)
    await waitFor(() => watcher.latest().phase === 'vote', { what: 'vote phase on the channel' })
    expect(await storedPhase()).toBe('vote')

    // Closing alone changes nothing: the results are not visible yet.
    const roundId = open.body.roundId
    await callApi(votingRoutes.closeRound, { params: { roundId }, token: ws.facilitatorToken }, { baseUrl: ts.url })
    await waitFor(() => (watcher.latest().round as { status?: string } | null)?.status === 'closed', {
      what: 'closed round',
    })
    expect(watcher.latest().phase).toBe('vote')

    const reveal = await callRoute(ts.url, votingRoutes.revealRound, {
      params: { roundId },
      token: ws.facilitatorToken,
    })
    expect(reveal.status).toBe(200)
    await waitFor(() => watcher.latest().phase === 'results', { what: 'results phase on the channel' })
    expect(await storedPhase()).toBe('results')
  })

  it('the facilitator can still set a phase by hand; a refused round changes no phase', async () => {
    const manual = await setPhase('collect')
    expect(manual.status).toBe(200)
    await waitFor(() => watcher.latest().phase === 'collect', { what: 'collect phase by hand' })

    // Bad input: the round is refused, and the phase stays where the facilitator put it.
    const refused = await openRound({ dotsPerParticipant: 3, ideaIds: ['shape:nope'] })
    expect(refused.status).toBe(422)
    expect(refused.body.error?.code).toBe('unknown_idea')
    // A participant may neither open a round nor move the phase that way.
    const byParticipant = await callRoute(ts.url, votingRoutes.openRound, {
      params: { boardId: board },
      token: participant.participantToken,
      body: { dotsPerParticipant: 3 },
    })
    expect(byParticipant.status).toBe(403)
    const seen = watcher.states.length
    // One more message the other way round proves the channel is alive and nothing came before it.
    await callApi(
      boardRoutes.setBoardLock,
      { params: { boardId: board }, body: { locked: true }, token: ws.facilitatorToken },
      { baseUrl: ts.url },
    )
    await waitFor(() => watcher.latest().locked === true, { what: 'lock' })
    expect(watcher.states.slice(seen).every((s) => s.phase === undefined || s.phase === 'collect')).toBe(true)
    expect(await storedPhase()).toBe('collect')
  })
})
