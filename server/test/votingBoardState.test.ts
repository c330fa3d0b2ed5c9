import { BOARD_STATE_MESSAGE, type CreateIdeaResponse } from '@pinnwand/shared'
import { callApi } from '@pinnwand/shared/contract/callApi'
import * as ideaRoutes from '@pinnwand/shared/ideaRoutes'
import * as votingRoutes from '@pinnwand/shared/votingRoutes'
import * as decoding from 'lib0/decoding'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { callRoute } from './helpers/callRoute.ts'
import {
  type BoardClient,
  connectClient,
  createWorkshop,
  ideaCard,
  joinParticipant,
  serverRoundTrip,
  startTestServer,
  type TestServer,
  type TestWorkshop,
} from './helpers/testServer.ts'
import { waitFor } from './helpers/waitFor.ts'

interface RoundSection {
  id: string
  status: string
  voters: number
  totalVotes: number
  [key: string]: unknown
}

/** Round state travels on the server-owned channel; an open round locks the board. */
describe('voting round on the board-state channel', () => {
  let ts: TestServer
  let ws: TestWorkshop
  let board: string
  let participant: { participantId: string; participantToken: string }
  let watcher: BoardClient
  let writer: BoardClient
  const rounds: (RoundSection | null)[] = []

  beforeAll(async () => {
    ts = await startTestServer()
    ws = await createWorkshop(ts.url)
    board = ws.boardIds[0]!
    participant = await joinParticipant(ts.url, ws, 'Ada')
    watcher = await connectClient(ts.url, board, participant.participantToken, { params: { state: '1' } })
    watcher.provider.messageHandlers[BOARD_STATE_MESSAGE] = (_encoder, decoder) => {
      rounds.push((JSON.parse(decoding.readVarString(decoder)) as { round?: RoundSection | null }).round ?? null)
    }
    writer = await connectClient(ts.url, board, participant.participantToken)
  })
  afterAll(async () => {
    watcher?.destroy()
    writer?.destroy()
    await ts?.stop()
  })

  it('publishes progress without the distribution, locks while open, unlocks after close', async () => {
    const created = await callApi(
      ideaRoutes.createIdea,
      { params: { boardId: board }, token: ws.facilitatorToken, body: { text: 'Bänke' } },
      { baseUrl: ts.url },
    )
    const ideaId = (created as CreateIdeaResponse).idea.id
    const open = await callRoute(ts.url, votingRoutes.openRound, {
      params: { boardId: board },
      token: ws.facilitatorToken,
      body: { dotsPerParticipant: 3 },
    })
    expect(open.status).toBe(201)
    await waitFor(() => rounds.at(-1)?.status === 'open', { what: 'open round on the channel' })

    // Locked for participants while the round is open.
    const card = ideaCard(participant.participantId, 'während der Abstimmung')
    writer.doc.transact(() => writer.records.set(card.id, card))
    await serverRoundTrip(writer.provider)
    await waitFor(() => !writer.records.has(card.id), { what: 'card reverted while voting' })

    const vote = await callRoute(ts.url, votingRoutes.castVote, {
      params: { roundId: open.body.roundId },
      token: participant.participantToken,
      body: { ideaId, delta: 1 },
    })
    expect(vote.status).toBe(200)
    const progress = await waitFor(() => rounds.find((r) => r?.totalVotes === 1), { what: 'progress' })
    expect(progress.voters).toBe(1)
    // Nothing on the channel says which idea got the dot.
    expect(JSON.stringify(rounds)).not.toContain(ideaId)

    await callApi(
      votingRoutes.closeRound,
      { params: { roundId: open.body.roundId }, token: ws.facilitatorToken },
      { baseUrl: ts.url },
    )
    await waitFor(() => rounds.at(-1)?.status === 'closed', { what: 'closed round on the channel' })
    const after = ideaCard(participant.participantId, 'nach der Abstimmung')
    writer.doc.transact(() => writer.records.set(after.id, after))
    await serverRoundTrip(writer.provider)
    await serverRoundTrip(watcher.provider)
    expect(watcher.records.has(after.id)).toBe(true)
  })
})
