import { ApproveHeldCardBody, HeldCardBody, RejectHeldCardBody } from '@pinnwand/shared'
import { errors, type OpenApiPaths } from '../http/openapiTypes.ts'

/** The moderation feature's part of the API description (/api/openapi.json). */
export const moderationOpenApi: OpenApiPaths = {
  '/api/boards/{boardId}/moderation/inbox': {
    get: {
      summary: 'The moderation inbox: every waiting card with its author (rejected texts are not in it)',
      auth: 'facilitator',
      responses: { '200': 'moderation (on, waiting, rejected, changedAt), cards', ...errors },
    },
  },
  '/api/boards/{boardId}/moderation/inbox/{cardId}/approve': {
    post: {
      summary: 'Freigeben: the waiting card (optionally with the edited text) goes on the board, once',
      auth: 'facilitator',
      body: ApproveHeldCardBody,
      responses: { '200': 'ideaId', ...errors, '404': 'held_card_not_found', '409': 'held_card_decided' },
    },
  },
  '/api/boards/{boardId}/moderation/inbox/{cardId}/reject': {
    post: {
      summary: 'Reject a waiting card, optionally with a reason only its author reads',
      auth: 'facilitator',
      body: RejectHeldCardBody,
      responses: { '200': 'ok', ...errors, '404': 'held_card_not_found', '409': 'held_card_decided' },
    },
  },
  '/api/boards/{boardId}/held-cards': {
    get: {
      summary: 'Your own held cards on a moderated board: waiting, and rejected with the reason',
      auth: 'participant',
      responses: { '200': 'moderation, cards', ...errors },
    },
    post: {
      summary: "Write a card for the facilitator's inbox (participants, while the board is moderated)",
      auth: 'participant',
      body: HeldCardBody,
      responses: { '201': 'card', ...errors, '409': 'moderation_off | too_many_held_cards | board_locked' },
    },
  },
  '/api/boards/{boardId}/held-cards/{cardId}': {
    patch: {
      summary: 'Change the text of one of your waiting cards',
      auth: 'participant',
      body: HeldCardBody,
      responses: { '200': 'ok', ...errors, '404': 'held_card_not_found', '409': 'held_card_decided' },
    },
    delete: {
      summary: 'Withdraw one of your waiting cards, or dismiss a rejected one (it stays counted)',
      auth: 'participant',
      responses: { '204': 'deleted', ...errors, '404': 'held_card_not_found' },
    },
  },
}
