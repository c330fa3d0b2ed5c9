import { z } from 'zod'
import { defineRoute } from './contract/route.ts'
import { ErrorCode } from './errorCodes.ts'
import {
  NewPrivateCardBody,
  PrivateCardBody,
  PrivateCardOkResponse,
  PrivateCardResponse,
  PrivateCardsResponse,
  PrivatePhaseErrorCode as E,
  RevealPrivateCardsBody,
  RevealPrivateCardsResponse,
  StartPrivatePhaseBody,
  StartPrivatePhaseResponse,
} from './privatePhase.ts'

/**
 * Stilles Sammeln, declared once (server: server/src/privatePhase/privatePhaseRoutes.ts; client:
 * client/src/privatePhase/privatePhaseApi.ts).
 */

const boardErrors = { 404: [ErrorCode.boardNotFound] }
const ownCardErrors = { 404: [ErrorCode.boardNotFound, E.privateCardNotFound], 409: [E.noPrivatePhase] }

export const startPrivatePhase = defineRoute({
  operationId: 'startPrivatePhase',
  method: 'POST',
  path: '/api/boards/:boardId/private-phase',
  summary: 'Start Stilles Sammeln (private writing), or change whether the facilitator sees the texts',
  auth: 'facilitator',
  // No body (or null) is the defaults, as an empty object is.
  body: StartPrivatePhaseBody.nullish(),
  status: 200,
  response: StartPrivatePhaseResponse,
  errors: boardErrors,
})

export const revealPrivateCards = defineRoute({
  operationId: 'revealPrivateCards',
  method: 'POST',
  path: '/api/boards/:boardId/private-phase/reveal',
  summary: 'Put every private card on the board at once (optionally without names) and end the phase',
  auth: 'facilitator',
  // No body (or null) is the defaults, as an empty object is.
  body: RevealPrivateCardsBody.nullish(),
  status: 200,
  response: RevealPrivateCardsResponse,
  errors: { ...boardErrors, 409: [E.noPrivatePhase] },
})

export const listPrivateCards = defineRoute({
  operationId: 'listPrivateCards',
  method: 'GET',
  path: '/api/boards/:boardId/private-cards',
  summary: "The phase and the private cards the caller may read: their own (the facilitator's: all, if chosen)",
  auth: 'any',
  status: 200,
  response: PrivateCardsResponse,
  errors: boardErrors,
})

export const createPrivateCard = defineRoute({
  operationId: 'createPrivateCard',
  method: 'POST',
  path: '/api/boards/:boardId/private-cards',
  summary:
    'Write a private card (participants, while the private phase runs); the same clientRequestId again answers with the card already made',
  auth: 'participant',
  body: NewPrivateCardBody,
  status: 201,
  response: PrivateCardResponse,
  errors: { ...boardErrors, 409: [E.noPrivatePhase, E.tooManyPrivateCards] },
})

export const updatePrivateCard = defineRoute({
  operationId: 'updatePrivateCard',
  method: 'PATCH',
  path: '/api/boards/:boardId/private-cards/:cardId',
  summary: 'Change the text of one of your private cards',
  auth: 'participant',
  body: PrivateCardBody,
  status: 200,
  response: PrivateCardOkResponse,
  errors: ownCardErrors,
})

export const deletePrivateCard = defineRoute({
  operationId: 'deletePrivateCard',
  method: 'DELETE',
  path: '/api/boards/:boardId/private-cards/:cardId',
  summary: 'Delete one of your private cards',
  auth: 'participant',
  status: 204,
  response: z.undefined(),
  errors: ownCardErrors,
})

/** Every private-phase route, for the server and the API description. */
export const privatePhaseRoutes = [
  startPrivatePhase,
  revealPrivateCards,
  listPrivateCards,
  createPrivateCard,
  updatePrivateCard,
  deletePrivateCard,
] as const
