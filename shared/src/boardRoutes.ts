import { z } from 'zod'
import { JoinInfoResponse, ParticipantsResponse, SetLockBody, SetPhaseBody } from './api.ts'
import { defineRoute } from './contract/route.ts'
import { ErrorCode } from './errorCodes.ts'

/**
 * The core's board routes and the join lookup, declared once (server:
 * server/src/http/routes/boards.ts). The other core routes are still described by hand
 * (server/src/http/openapi.ts).
 */

export const lookupJoinCode = defineRoute({
  operationId: 'lookupJoinCode',
  method: 'GET',
  path: '/api/join/:joinCode',
  summary: 'Workshop and tables for a join code (the plenary only once it is open to participants)',
  auth: 'none',
  status: 200,
  response: JoinInfoResponse,
  errors: {
    404: [ErrorCode.invalidJoinCode],
    410: [ErrorCode.workshopDeleted, 'join_code_expired'],
    429: [ErrorCode.rateLimited],
  },
})

const boardErrors = { 404: [ErrorCode.boardNotFound] }

export const setBoardLock = defineRoute({
  operationId: 'setBoardLock',
  method: 'POST',
  path: '/api/boards/:boardId/lock',
  summary: 'Lock or unlock a board',
  auth: 'facilitator',
  body: SetLockBody,
  status: 200,
  response: SetLockBody,
  errors: boardErrors,
})

export const setBoardPhase = defineRoute({
  operationId: 'setBoardPhase',
  method: 'POST',
  path: '/api/boards/:boardId/phase',
  summary: 'Set the phase',
  auth: 'facilitator',
  body: SetPhaseBody,
  status: 200,
  response: SetPhaseBody,
  errors: boardErrors,
})

export const createProjectorToken = defineRoute({
  operationId: 'createProjectorToken',
  method: 'POST',
  path: '/api/boards/:boardId/projector-token',
  summary: 'Read-only token for one board',
  auth: 'facilitator',
  status: 201,
  response: z.object({ projectorToken: z.string() }),
  errors: boardErrors,
})

export const listParticipants = defineRoute({
  operationId: 'listParticipants',
  method: 'GET',
  path: '/api/workshops/:workshopId/participants',
  summary: 'List participants',
  auth: 'facilitator',
  status: 200,
  response: ParticipantsResponse,
})

export const revokeParticipant = defineRoute({
  operationId: 'revokeParticipant',
  method: 'DELETE',
  path: '/api/workshops/:workshopId/participants/:participantId',
  summary: 'Revoke a participant (closes their sockets)',
  auth: 'facilitator',
  status: 204,
  response: z.undefined(),
  errors: { 404: [ErrorCode.notFound] },
})

/** Every declared core board route, for the server and the API description. */
export const boardRoutes = [
  lookupJoinCode,
  setBoardLock,
  setBoardPhase,
  createProjectorToken,
  listParticipants,
  revokeParticipant,
] as const
