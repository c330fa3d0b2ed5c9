import { NewPrivateCardBody, PrivateCardBody, RevealPrivateCardsBody, StartPrivatePhaseBody } from '@pinnwand/shared'
import { errors, type OpenApiPaths } from '../http/openapiTypes.ts'

/** The privatePhase feature's part of the API description (/api/openapi.json). */
export const privatePhaseOpenApi: OpenApiPaths = {
  '/api/boards/{boardId}/private-phase': {
    post: {
      summary: 'Start Stilles Sammeln (private writing), or change whether the facilitator sees the texts',
      auth: 'facilitator',
      body: StartPrivatePhaseBody,
      responses: { '200': 'privatePhase (since, facilitatorSeesTexts, cards, changedAt)', ...errors },
    },
  },
  '/api/boards/{boardId}/private-phase/reveal': {
    post: {
      summary: 'Put every private card on the board at once (optionally without names) and end the phase',
      auth: 'facilitator',
      body: RevealPrivateCardsBody,
      responses: { '200': 'ideaIds, anonymous', ...errors, '409': 'no_private_phase' },
    },
  },
  '/api/boards/{boardId}/private-cards': {
    get: {
      summary: "The phase and the private cards the caller may read: their own (the facilitator's: all, if chosen)",
      auth: 'any',
      responses: { '200': 'phase, cards', ...errors },
    },
    post: {
      summary:
        'Write a private card (participants, while the private phase runs); the same clientRequestId again answers with the card already made',
      auth: 'participant',
      body: NewPrivateCardBody,
      responses: { '201': 'card', ...errors, '409': 'no_private_phase | too_many_private_cards' },
    },
  },
  '/api/boards/{boardId}/private-cards/{cardId}': {
    patch: {
      summary: 'Change the text of one of your private cards',
      auth: 'participant',
      body: PrivateCardBody,
      responses: { '200': 'ok', ...errors, '404': 'private_card_not_found', '409': 'no_private_phase' },
    },
    delete: {
      summary: 'Delete one of your private cards',
      auth: 'participant',
      responses: { '204': 'deleted', ...errors, '404': 'private_card_not_found', '409': 'no_private_phase' },
    },
  },
}
