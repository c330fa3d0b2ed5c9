import { z } from 'zod'
import {
  BoardKind,
  CreateClusterBody,
  JoinInfoResponse,
  ParticipantsResponse,
  SetLockBody,
  SetPhaseBody,
  UpdateTableBody,
} from './api.ts'
import { defineRoute } from './contract/route.ts'
import { ErrorCode } from './errorCodes.ts'

/**
 * The core's board routes and the join lookup, declared once (server:
 * server/src/http/routes/boards.ts, a table's settings in workshops.ts, clusters in ideas.ts).
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

export const updateTable = defineRoute({
  operationId: 'updateTable',
  method: 'PATCH',
  path: '/api/boards/:boardId',
  summary:
    "Change a board's settings (participant limit, null = none; facilitator name for its report; " +
    'openToParticipants: the join page offers it — how the plenary is opened for a plenary vote; ' +
    'number: the table number 1…N, a number another table holds swaps the two; ' +
    "moderation: participants' new cards wait in the facilitator's inbox)",
  auth: 'facilitator',
  body: UpdateTableBody,
  status: 200,
  response: z.object({
    id: z.string(),
    maxParticipants: z.int().nullable(),
    facilitator: z.string().nullable(),
    kind: BoardKind,
    openToParticipants: z.boolean(),
    moderation: z.boolean(),
    /** The table number ("Tisch 3"); null for the plenary. */
    number: z.int().nullable(),
  }),
  // Above the number of tables, or for the plenary: nothing else of the request is applied.
  errors: { ...boardErrors, 422: [ErrorCode.tableNumberOutOfRange] },
})

export const createCluster = defineRoute({
  operationId: 'createCluster',
  method: 'POST',
  path: '/api/boards/:boardId/clusters',
  summary: 'Create a cluster',
  auth: 'facilitator',
  body: CreateClusterBody,
  status: 201,
  response: z.object({ cluster: z.object({ id: z.string(), title: z.string() }) }),
  errors: { ...boardErrors, 409: [ErrorCode.boardLocked] },
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
  updateTable,
  createCluster,
  listParticipants,
  revokeParticipant,
] as const
