import { z } from 'zod'
import {
  BoardMessageBody,
  BoardMessageResponse,
  BulkActionBody,
  BulkActionResponse,
  DoneBody,
  DoneResponse,
  WorkshopProjectorTokenResponse,
  WorkshopStatusResponse,
} from './controlApi.ts'
import { defineRoute } from './contract/route.ts'
import { ErrorCode } from './errorCodes.ts'

/** The control room's routes, declared once (server: server/src/control/controlRoutes.ts). */

export const workshopStatus = defineRoute({
  operationId: 'workshopStatus',
  method: 'GET',
  path: '/api/workshops/:workshopId/status',
  summary: 'Control room: every table with number, phase, people here now, ideas, round progress, timer, idle warning',
  auth: 'facilitator',
  status: 200,
  response: WorkshopStatusResponse,
})

/**
 * The same status as server-sent events (`event: status`, data: a WorkshopStatusResponse),
 * sent whenever it changes, until the caller disconnects. Read it with fetch (the token in the
 * header) and `routeRequest`, not callApi, which waits for the whole answer.
 */
export const workshopStatusStream = defineRoute({
  operationId: 'workshopStatusStream',
  method: 'GET',
  path: '/api/workshops/:workshopId/status/stream',
  summary: 'The control room status as server-sent events (event: status), sent whenever it changes',
  auth: 'facilitator',
  status: 200,
  response: z.unknown(),
  produces: ['text/event-stream'],
})

export const sendBoardMessage = defineRoute({
  operationId: 'sendBoardMessage',
  method: 'POST',
  path: '/api/boards/:boardId/message',
  summary:
    'A short message on every participant device and projector of the board; toPlenary adds a link to the plenary; empty text takes it down',
  auth: 'facilitator',
  body: BoardMessageBody,
  status: 200,
  response: BoardMessageResponse,
  errors: { 404: [ErrorCode.boardNotFound], 409: [ErrorCode.noPlenary] },
})

export const setDone = defineRoute({
  operationId: 'setDone',
  method: 'PUT',
  path: '/api/boards/:boardId/done',
  summary:
    '"Ich bin fertig": the participant is done collecting, or done voting in the open round (done: false takes it back)',
  auth: 'participant',
  body: DoneBody,
  status: 200,
  response: DoneResponse,
  errors: { 404: [ErrorCode.boardNotFound], 409: [ErrorCode.nothingToFinish] },
})

export const getDone = defineRoute({
  operationId: 'getDone',
  method: 'GET',
  path: '/api/boards/:boardId/done',
  summary: 'Whether the caller said "Ich bin fertig" for the board\'s current task (context: collect | round:<id>)',
  auth: 'any',
  status: 200,
  response: DoneResponse,
  errors: { 404: [ErrorCode.boardNotFound] },
})

export const createWorkshopProjectorToken = defineRoute({
  operationId: 'createWorkshopProjectorToken',
  method: 'POST',
  path: '/api/workshops/:workshopId/projector-token',
  summary: 'A new read-only link for the workshop projector (one screen for every table)',
  auth: 'facilitator',
  status: 201,
  response: WorkshopProjectorTokenResponse,
})

export const runBulkAction = defineRoute({
  operationId: 'runBulkAction',
  method: 'POST',
  path: '/api/workshops/:workshopId/bulk',
  summary:
    'Act on all or the chosen tables at once (phase, lock, open/close/reveal a round, timer); ' +
    'one request per table through its own endpoint; a retry with the same requestId skips tables that took it',
  auth: 'facilitator',
  body: BulkActionBody,
  status: 200,
  response: BulkActionResponse,
  errors: { 429: [ErrorCode.rateLimited] },
})

/** Every control-room route, for the server and the API description. */
export const controlRoutes = [
  workshopStatus,
  workshopStatusStream,
  sendBoardMessage,
  setDone,
  getDone,
  createWorkshopProjectorToken,
  runBulkAction,
] as const
