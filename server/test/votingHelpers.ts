import type { RunningServer } from '../src/createServer.ts'
import {
  api,
  type ApiResponse,
  createWorkshop,
  ideaCard,
  joinParticipant,
  type TestWorkshop,
} from './helpers/testServer.ts'

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

export async function openRound(url: string, board: VotingBoard, body: Record<string, unknown>): Promise<string> {
  const res = await api(url, 'POST', `/api/boards/${board.boardId}/rounds`, {
    token: board.workshop.facilitatorToken,
    body,
  })
  if (res.status !== 201) throw new Error(`opening round failed: ${res.status} ${JSON.stringify(res.body)}`)
  return res.body.roundId
}

export function vote(
  url: string,
  token: string,
  roundId: string,
  ideaId: string,
  delta: unknown = 1,
  requestId?: string,
): Promise<ApiResponse> {
  return api(url, 'POST', `/api/rounds/${roundId}/votes`, {
    token,
    body: { ideaId, delta, ...(requestId ? { requestId } : {}) },
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
