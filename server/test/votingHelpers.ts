import { api, type ApiResponse, createWorkshop, joinParticipant, type TestWorkshop } from './helpers/testServer.ts'

export interface VotingBoard {
  workshop: TestWorkshop
  boardId: string
  ideaIds: string[]
}

/** A workshop whose first board has `ideas` idea cards, added through the API. */
export async function boardWithIdeas(url: string, ideas: number): Promise<VotingBoard> {
  const workshop = await createWorkshop(url)
  const boardId = workshop.boardIds[0]!
  const ideaIds: string[] = []
  for (let i = 0; i < ideas; i++) {
    const res = await api(url, 'POST', `/api/boards/${boardId}/ideas`, {
      token: workshop.facilitatorToken,
      body: { text: `Idee ${i + 1}` },
    })
    if (res.status !== 201) throw new Error(`adding idea failed: ${res.status} ${JSON.stringify(res.body)}`)
    ideaIds.push(res.body.idea.id)
  }
  return { workshop, boardId, ideaIds }
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
