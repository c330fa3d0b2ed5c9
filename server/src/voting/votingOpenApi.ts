import { CastVoteBody, CreateRoundBody, ExtendRoundBody } from '@pinnwand/shared'
import { errors, type OpenApiPaths } from '../http/openapiTypes.ts'

/** The voting feature's part of the API description (/api/openapi.json). */
export const votingOpenApi: OpenApiPaths = {
  '/api/boards/{boardId}/rounds': {
    post: {
      summary: 'Open a voting round',
      auth: 'facilitator',
      body: CreateRoundBody,
      responses: {
        '201': 'roundId',
        '409': 'round_already_open',
        '422': 'unknown_idea | unknown_cluster | no_eligible_ideas',
        ...errors,
      },
    },
    get: { summary: 'Rounds of a board', auth: 'any', responses: { '200': 'rounds', ...errors } },
  },
  '/api/rounds/{roundId}/votes': {
    post: {
      summary: 'Place or take back a dot (idempotent with requestId)',
      auth: 'participant',
      body: CastVoteBody,
      responses: {
        '200': 'myVotes, remaining',
        '409': 'budget_exhausted | idea_cap_reached | round_not_open | no_vote_to_remove',
        '422': 'idea_not_eligible',
        ...errors,
      },
    },
  },
  '/api/rounds/{roundId}/close': {
    post: { summary: 'Close a round', auth: 'facilitator', responses: { '200': 'closed', ...errors } },
  },
  '/api/rounds/{roundId}/reveal': {
    post: { summary: 'Reveal results', auth: 'facilitator', responses: { '200': 'revealed', ...errors } },
  },
  '/api/rounds/{roundId}': {
    get: {
      summary: 'One round (results only when revealed, or for the facilitator)',
      auth: 'any',
      responses: { '200': 'round', ...errors },
    },
  },
  '/api/rounds/{roundId}/me': {
    get: {
      summary: 'My dots and remaining budget (facilitator: ?onBehalfOf=name for a proxy voter)',
      auth: 'participant',
      responses: { '200': 'myVotes, remaining', ...errors },
    },
  },
  '/api/rounds/{roundId}/proxies': {
    get: { summary: 'Proxy voters of a round', auth: 'facilitator', responses: { '200': 'proxies', ...errors } },
  },
  '/api/rounds/{roundId}/pause': {
    post: {
      summary: "Pause the round's timer (idempotent)",
      auth: 'facilitator',
      responses: { '200': 'round', '409': 'round_not_open | round_has_no_timer', ...errors },
    },
  },
  '/api/rounds/{roundId}/resume': {
    post: {
      summary: "Resume the round's timer (idempotent)",
      auth: 'facilitator',
      responses: { '200': 'round', '409': 'round_not_open | round_has_no_timer', ...errors },
    },
  },
  '/api/rounds/{roundId}/extend': {
    post: {
      summary: "Add time to the round's timer (default 60 s)",
      auth: 'facilitator',
      body: ExtendRoundBody,
      responses: { '200': 'round', '409': 'round_not_open | round_has_no_timer', ...errors },
    },
  },
  '/api/rounds/{roundId}/results': {
    get: {
      summary: 'Results (others: only when revealed)',
      auth: 'any',
      responses: { '200': 'status, voters, totalVotes, ranking', '403': 'not_revealed' },
    },
  },
}
