import { callApi } from '@pinnwand/shared/contract/callApi'
import { createIdea } from '@pinnwand/shared/ideaRoutes'

/** POST /api/boards/:id/ideas: a card on the board (not one held for moderation); its id. */
export async function postIdea(baseUrl: string, boardId: string, token: string, text: string): Promise<string> {
  const response = await callApi(createIdea, { params: { boardId }, body: { text }, token }, { baseUrl })
  if (!('idea' in response)) throw new Error(`"${text}" was held for moderation, not put on the board`)
  return response.idea.id
}
