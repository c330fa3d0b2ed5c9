import { callApi } from '@pinnwand/shared/contract/callApi'
import type { CreateRoundBody } from '@pinnwand/shared/votingApi'
import * as routes from '@pinnwand/shared/votingRoutes'
import type { z } from 'zod'
import type { RunningServer } from '../src/createServer.ts'
import { callRoute } from './helpers/callRoute.ts'
import { type ApiResponse, createWorkshop, ideaCard, joinParticipant, type TestWorkshop } from './helpers/testServer.ts'

export interface VotingBoard {
  workshop: TestWorkshop
  boardId: string
  ideaIds: string[]
}

/**
 * A workshop whose first board has `ideas` idea cards. The cards are written into the board
 * document by the server itself (as the ideas API or a client would), oldest first.
 */
export async function boardWithIdeas(server: RunningServer, ideas: number): Promise<VotingBoard> {
  const workshop = await createWorkshop(server.url)
  const boardId = workshop.boardIds[0]!
  const base = Date.now()
  const cards = Array.from({ length: ideas }, (_, i) =>
    ideaCard('facilitator', `Idee ${i + 1}`, { createdAt: base + i }),
  )
  const room = await server.rooms.open(boardId)
  await room.change((records) => {
    for (const card of cards) records.set(card.id, card)
  })
  server.rooms.releaseIfIdle(room)
  return { workshop, boardId, ideaIds: cards.map((c) => c.id) }
}

/** Opens a round as the board's facilitator; throws (ApiError) unless it opened. */
export async function openRound(
  url: string,
  board: VotingBoard,
  body: z.input<typeof CreateRoundBody>,
): Promise<string> {
  const { roundId } = await callApi(
    routes.openRound,
    { params: { boardId: board.boardId }, body, token: board.workshop.facilitatorToken },
    { baseUrl: url },
  )
  return roundId
}

/** One tap; `delta` may be anything, to test what the server refuses. */
export function vote(
  url: string,
  token: string,
  roundId: string,
  ideaId: string,
  delta: unknown = 1,
  requestId?: string,
): Promise<ApiResponse> {
  return callRoute(url, routes.castVote, {
    params: { roundId },
    body: { ideaId, delta: delta as 1 | -1, ...(requestId ? { requestId } : {}) },
    token,
  })
}

export async function participants(url: string, workshop: TestWorkshop, n: number): Promise<string[]> {
  const tokens: string[] = []
  // A few at a time: joining is not what these tests measure.
  for (let i = 0; i < n; i += 20) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(20, n - i) }, (_, j) => joinParticipant(url, workshop, `P${i + j}`)),
    )
    tokens.push(...batch.map((p) => p.participantToken))
  }
  return tokens
}

export const errorCode = (res: ApiResponse): string | undefined => res.body?.error?.code
