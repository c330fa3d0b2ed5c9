import { z } from 'zod'
import { defineRoute } from './contract/route.ts'
import { ErrorCode } from './errorCodes.ts'
import {
  ApproveHeldCardBody,
  ApproveHeldCardResponse,
  HeldCardBody,
  HeldCardOkResponse,
  HeldCardResponse,
  HeldCardsResponse,
  ModerationErrorCode as E,
  NewHeldCardBody,
  RejectHeldCardBody,
} from './moderation.ts'

/**
 * The moderation inbox, declared once (server: server/src/moderation/moderationRoutes.ts; client:
 * client/src/moderation/moderationApi.ts). The setting itself is `moderation` of `updateTable`.
 */

const boardErrors = { 404: [ErrorCode.boardNotFound] }
/** A decision on a card that is gone, or was approved or rejected already (another tab). */
const decisionErrors = { 404: [ErrorCode.boardNotFound, E.heldCardNotFound], 409: [E.heldCardDecided] }

export const moderationInbox = defineRoute({
  operationId: 'moderationInbox',
  method: 'GET',
  path: '/api/boards/:boardId/moderation/inbox',
  summary: 'The moderation inbox: every waiting card with its author (rejected texts are not in it)',
  auth: 'facilitator',
  status: 200,
  response: HeldCardsResponse,
  errors: boardErrors,
})

export const approveHeldCard = defineRoute({
  operationId: 'approveHeldCard',
  method: 'POST',
  path: '/api/boards/:boardId/moderation/inbox/:cardId/approve',
  summary: 'Freigeben: the waiting card (optionally with the edited text) goes on the board, once',
  auth: 'facilitator',
  // No body (or null) approves the text as written, as an empty object does.
  body: ApproveHeldCardBody.nullish(),
  status: 200,
  response: ApproveHeldCardResponse,
  errors: decisionErrors,
})

export const rejectHeldCard = defineRoute({
  operationId: 'rejectHeldCard',
  method: 'POST',
  path: '/api/boards/:boardId/moderation/inbox/:cardId/reject',
  summary: 'Reject a waiting card, optionally with a reason only its author reads',
  auth: 'facilitator',
  // No body (or null) rejects without a reason, as an empty object does.
  body: RejectHeldCardBody.nullish(),
  status: 200,
  response: HeldCardOkResponse,
  errors: decisionErrors,
})

export const listHeldCards = defineRoute({
  operationId: 'listHeldCards',
  method: 'GET',
  path: '/api/boards/:boardId/held-cards',
  summary: 'Your own held cards on a moderated board: waiting, and rejected with the reason',
  auth: 'participant',
  status: 200,
  response: HeldCardsResponse,
  errors: boardErrors,
})

export const createHeldCard = defineRoute({
  operationId: 'createHeldCard',
  method: 'POST',
  path: '/api/boards/:boardId/held-cards',
  summary:
    "Write a card for the facilitator's inbox (participants, while the board is moderated); the same clientRequestId again answers with the card already made",
  auth: 'participant',
  body: NewHeldCardBody,
  status: 201,
  response: HeldCardResponse,
  errors: { 404: [ErrorCode.boardNotFound], 409: [E.moderationOff, E.tooManyHeldCards, ErrorCode.boardLocked] },
})

export const updateHeldCard = defineRoute({
  operationId: 'updateHeldCard',
  method: 'PATCH',
  path: '/api/boards/:boardId/held-cards/:cardId',
  summary: 'Change the text of one of your waiting cards',
  auth: 'participant',
  body: HeldCardBody,
  status: 200,
  response: HeldCardOkResponse,
  errors: {
    404: [ErrorCode.boardNotFound, E.heldCardNotFound],
    409: [E.heldCardDecided, ErrorCode.boardLocked],
  },
})

export const deleteHeldCard = defineRoute({
  operationId: 'deleteHeldCard',
  method: 'DELETE',
  path: '/api/boards/:boardId/held-cards/:cardId',
  summary: 'Withdraw one of your waiting cards, or dismiss a rejected one (it stays counted)',
  auth: 'participant',
  status: 204,
  response: z.undefined(),
  // 409 only in the moment between an approval and its card reaching the board.
  errors: decisionErrors,
})

/** Every moderation route, for the server and the API description. */
export const moderationRoutes = [
  moderationInbox,
  approveHeldCard,
  rejectHeldCard,
  listHeldCards,
  createHeldCard,
  updateHeldCard,
  deleteHeldCard,
] as const
