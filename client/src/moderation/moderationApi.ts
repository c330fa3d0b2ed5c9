import type { ApproveHeldCardResponse, HeldCardDto, HeldCardsResponse } from '@pinnwand/shared/moderation'
import { request } from '../api/apiClient.ts'

const id = encodeURIComponent
const base = (boardId: string) => `/api/boards/${id(boardId)}`

/** The caller's own waiting and rejected cards. */
export function fetchHeldCards(boardId: string, token: string): Promise<HeldCardsResponse> {
  return request('GET', `${base(boardId)}/held-cards`, token)
}

/** The facilitator's inbox: every waiting card. */
export function fetchInbox(boardId: string, token: string): Promise<HeldCardsResponse> {
  return request('GET', `${base(boardId)}/moderation/inbox`, token)
}

export async function addHeldCard(boardId: string, text: string, token: string): Promise<HeldCardDto> {
  const { card } = await request<{ card: HeldCardDto }>('POST', `${base(boardId)}/held-cards`, token, { text })
  return card
}

export async function updateHeldCard(boardId: string, cardId: string, text: string, token: string): Promise<void> {
  await request('PATCH', `${base(boardId)}/held-cards/${id(cardId)}`, token, { text })
}

export async function deleteHeldCard(boardId: string, cardId: string, token: string): Promise<void> {
  await request('DELETE', `${base(boardId)}/held-cards/${id(cardId)}`, token)
}

export function approveHeldCard(
  boardId: string,
  cardId: string,
  text: string | undefined,
  token: string,
): Promise<ApproveHeldCardResponse> {
  return request('POST', `${base(boardId)}/moderation/inbox/${id(cardId)}/approve`, token, text ? { text } : {})
}

export async function rejectHeldCard(boardId: string, cardId: string, reason: string, token: string): Promise<void> {
  await request('POST', `${base(boardId)}/moderation/inbox/${id(cardId)}/reject`, token, {
    reason: reason.trim() || null,
  })
}

/** PATCH /api/boards/:id: hold participants' new cards for approval, or stop. */
export function setModeration(boardId: string, moderation: boolean, token: string): Promise<{ moderation: boolean }> {
  return request('PATCH', base(boardId), token, { moderation })
}
