import type {
  PrivateCardDto,
  PrivateCardsResponse,
  PrivatePhaseSection,
  RevealPrivateCardsResponse,
} from '@pinnwand/shared/privatePhase'
import { request } from '../api/apiClient.ts'

const id = encodeURIComponent
const base = (boardId: string) => `/api/boards/${id(boardId)}`

export function fetchPrivateCards(boardId: string, token: string): Promise<PrivateCardsResponse> {
  return request('GET', `${base(boardId)}/private-cards`, token)
}

/** `clientRequestId`: the same id sent again (an outbox resend) answers with the card already made. */
export async function addPrivateCard(
  boardId: string,
  text: string,
  token: string,
  clientRequestId?: string,
): Promise<PrivateCardDto> {
  const { card } = await request<{ card: PrivateCardDto }>('POST', `${base(boardId)}/private-cards`, token, {
    text,
    clientRequestId,
  })
  return card
}

export async function updatePrivateCard(boardId: string, cardId: string, text: string, token: string): Promise<void> {
  await request('PATCH', `${base(boardId)}/private-cards/${id(cardId)}`, token, { text })
}

export async function deletePrivateCard(boardId: string, cardId: string, token: string): Promise<void> {
  await request('DELETE', `${base(boardId)}/private-cards/${id(cardId)}`, token)
}

export function startPrivatePhase(
  boardId: string,
  facilitatorSeesTexts: boolean,
  token: string,
): Promise<{ privatePhase: PrivatePhaseSection }> {
  return request('POST', `${base(boardId)}/private-phase`, token, { facilitatorSeesTexts })
}

export function revealPrivateCards(
  boardId: string,
  anonymous: boolean,
  token: string,
): Promise<RevealPrivateCardsResponse> {
  return request('POST', `${base(boardId)}/private-phase/reveal`, token, { anonymous })
}
