import * as boardRoutes from '@pinnwand/shared/boardRoutes'
import { callApi } from '@pinnwand/shared/contract/callApi'
import type { ApproveHeldCardResponse, HeldCardDto, HeldCardsResponse } from '@pinnwand/shared/moderation'
import * as routes from '@pinnwand/shared/moderationRoutes'

/** The moderation inbox's routes (shared/src/moderationRoutes.ts), same origin. */

/** The caller's own waiting and rejected cards. */
export function fetchHeldCards(boardId: string, token: string): Promise<HeldCardsResponse> {
  return callApi(routes.listHeldCards, { params: { boardId }, token })
}

/** The facilitator's inbox: every waiting card. */
export function fetchInbox(boardId: string, token: string): Promise<HeldCardsResponse> {
  return callApi(routes.moderationInbox, { params: { boardId }, token })
}

export async function addHeldCard(
  boardId: string,
  text: string,
  token: string,
  clientRequestId?: string,
): Promise<HeldCardDto> {
  const body = clientRequestId === undefined ? { text } : { text, clientRequestId }
  const { card } = await callApi(routes.createHeldCard, { params: { boardId }, body, token })
  return card
}

export async function updateHeldCard(boardId: string, cardId: string, text: string, token: string): Promise<void> {
  await callApi(routes.updateHeldCard, { params: { boardId, cardId }, body: { text }, token })
}

export async function deleteHeldCard(boardId: string, cardId: string, token: string): Promise<void> {
  await callApi(routes.deleteHeldCard, { params: { boardId, cardId }, token })
}

export function approveHeldCard(
  boardId: string,
  cardId: string,
  text: string | undefined,
  token: string,
): Promise<ApproveHeldCardResponse> {
  return callApi(routes.approveHeldCard, { params: { boardId, cardId }, body: text ? { text } : {}, token })
}

export async function rejectHeldCard(boardId: string, cardId: string, reason: string, token: string): Promise<void> {
  await callApi(routes.rejectHeldCard, { params: { boardId, cardId }, body: { reason: reason.trim() || null }, token })
}

/** PATCH /api/boards/:id: hold participants' new cards for approval, or stop. */
export function setModeration(boardId: string, moderation: boolean, token: string): Promise<{ moderation: boolean }> {
  return callApi(boardRoutes.updateTable, { params: { boardId }, body: { moderation }, token })
}
