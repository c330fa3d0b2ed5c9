import { BoardMessageBody, BulkActionBody, DoneBody } from '@pinnwand/shared/controlApi'
import { errors, type OpenApiPaths } from '../http/openapiTypes.ts'

/** The control feature's part of the API description (/api/openapi.json). */
export const controlOpenApi: OpenApiPaths = {
  '/api/workshops/{workshopId}/status': {
    get: {
      summary:
        'Control room: every table with number, phase, people here now, ideas, round progress, timer, idle warning',
      auth: 'facilitator',
      responses: { '200': 'workshopId, serverNow, tables', ...errors },
    },
  },
  '/api/workshops/{workshopId}/status/stream': {
    get: {
      summary: 'The control room status as server-sent events (event: status), sent whenever it changes',
      auth: 'facilitator',
      responses: { '200': 'text/event-stream', ...errors },
    },
  },
  '/api/workshops/{workshopId}/projector-token': {
    post: {
      summary: 'A new read-only link for the workshop projector (one screen for every table)',
      auth: 'facilitator',
      responses: { '201': 'projectorToken', ...errors },
    },
  },
  '/api/boards/{boardId}/message': {
    post: {
      summary:
        'A short message on every participant device and projector of the board; toPlenary adds a link to the plenary; empty text takes it down',
      auth: 'facilitator',
      body: BoardMessageBody,
      responses: { '200': 'message (board-state section, or null)', ...errors, '409': 'no_plenary' },
    },
  },
  '/api/boards/{boardId}/done': {
    put: {
      summary:
        '"Ich bin fertig": the participant is done collecting, or done voting in the open round (done: false takes it back)',
      auth: 'participant',
      body: DoneBody,
      responses: { '200': 'done, context (collect | round:<id>)', ...errors, '409': 'nothing_to_finish' },
    },
    get: {
      summary: 'Whether the caller said "Ich bin fertig" for the board\'s current task',
      auth: 'any',
      responses: { '200': 'done, context', ...errors },
    },
  },
  '/api/workshops/{workshopId}/bulk': {
    post: {
      summary:
        'Act on all or the chosen tables at once (phase, lock, open/close/reveal a round, timer); ' +
        'one request per table through its own endpoint; a retry with the same requestId skips tables that took it',
      auth: 'facilitator',
      body: BulkActionBody,
      responses: {
        '200': 'requestId, results per table (ok, status, error, repeated)',
        ...errors,
        '429': 'rate_limited',
      },
    },
  },
}
