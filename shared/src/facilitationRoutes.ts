import { defineRoute } from './contract/route.ts'
import { ErrorCode } from './errorCodes.ts'
import {
  BoardDisplayInfo,
  FacilitationErrorCode as E,
  ProjectorActionBody,
  ProjectorResponse,
  TimerActionBody,
  TimerResponse,
  ViewActionBody,
  ViewResponse,
} from './facilitationApi.ts'

/** The facilitation API, declared once (server: server/src/facilitation/facilitationRoutes.ts). */

export const boardTimer = defineRoute({
  operationId: 'boardTimer',
  method: 'POST',
  path: '/api/boards/:boardId/timer',
  summary: 'Board timer: start, pause, resume, add time, stop (idempotent with requestId)',
  auth: 'facilitator',
  body: TimerActionBody,
  status: 200,
  response: TimerResponse,
  errors: { 404: [ErrorCode.boardNotFound], 409: [E.timerNotRunning, E.timerNotPaused, E.noTimer] },
})

export const boardView = defineRoute({
  operationId: 'boardView',
  method: 'POST',
  path: '/api/boards/:boardId/view',
  summary: 'Bring everyone to a view once, or have everyone follow it',
  auth: 'facilitator',
  body: ViewActionBody,
  status: 200,
  response: ViewResponse,
  errors: { 404: [ErrorCode.boardNotFound] },
})

export const projectorMode = defineRoute({
  operationId: 'projectorMode',
  method: 'POST',
  path: '/api/boards/:boardId/projector',
  summary: 'What the projector shows: board, countdown, results (step by step), join or the walkthrough',
  auth: 'facilitator',
  body: ProjectorActionBody,
  status: 200,
  response: ProjectorResponse,
  errors: { 404: [ErrorCode.boardNotFound] },
})

export const boardDisplay = defineRoute({
  operationId: 'boardDisplay',
  method: 'GET',
  path: '/api/boards/:boardId/display',
  summary: 'Board and workshop title, table number, join code and public origin (for the projector)',
  auth: 'any',
  status: 200,
  response: BoardDisplayInfo,
  errors: { 404: [ErrorCode.boardNotFound, ErrorCode.workshopNotFound] },
})

/** Every facilitation route, for the server and the API description. */
export const facilitationRoutes = [boardTimer, boardView, projectorMode, boardDisplay] as const
