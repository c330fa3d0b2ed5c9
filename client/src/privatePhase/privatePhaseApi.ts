import { callApi } from '@pinnwand/shared/contract/callApi'
import type {
  PrivateCardDto,
  PrivateCardsResponse,
  RevealPrivateCardsResponse,
  StartPrivatePhaseResponse,
} from '@pinnwand/shared/privatePhase'
import * as routes from '@pinnwand/shared/privatePhaseRoutes'

/** Stilles Sammeln's routes (shared/src/privatePhaseRoutes.ts), same origin. */

export function fetchPrivateCards(boardId: string, token: string): Promise<PrivateCardsResponse> {
  return callApi(routes.listPrivateCards, { params: { boardId }, token })
}

/** `clientRequestId`: the same id sent again (an outbox resend) answers with the card already made. */
export async function addPrivateCard(
  boardId: string,
  text: string,
  token: string,
  clientRequestId?: string,
): Promise<PrivateCardDto> {
  const { card } = await callApi(routes.createPrivateCard, {
    params: { boardId },
    body: { text, clientRequestId },
    token,
  })
  return card
}

export async function updatePrivateCard(boardId: string, cardId: string, text: string, token: string): Promise<void> {
  await callApi(routes.updatePrivateCard, { params: { boardId, cardId }, body: { text }, token })
}

export async function deletePrivateCard(boardId: string, cardId: string, token: string): Promise<void> {
  await callApi(routes.deletePrivateCard, { params: { boardId, cardId }, token })
}

export function startPrivatePhase(
  boardId: string,
  facilitatorSeesTexts: boolean,
  token: string,
): Promise<StartPrivatePhaseResponse> {
  return callApi(routes.startPrivatePhase, { params: { boardId }, body: { facilitatorSeesTexts }, token })
}

export function revealPrivateCards(
  boardId: string,
  anonymous: boolean,
  token: string,
): Promise<RevealPrivateCardsResponse> {
  return callApi(routes.revealPrivateCards, { params: { boardId }, body: { anonymous }, token })
}
