import { z } from 'zod'
import {
  BoardKind,
  CreateWorkshopBody,
  CreateWorkshopResponse,
  JoinWorkshopBody,
  JoinWorkshopResponse,
  PassphraseBody,
  TakeSeatResponse,
  UpdateWorkshopBody,
  WorkshopOverviewResponse,
} from './api.ts'
import { defineRoute } from './contract/route.ts'
import { ErrorCode } from './errorCodes.ts'

/**
 * The core's workshop routes, declared once (server: server/src/http/routes/workshops.ts). A
 * table's settings are still described by hand (server/src/http/openapi.ts).
 */

const throttled = { 429: [ErrorCode.rateLimited] }

export const createWorkshop = defineRoute({
  operationId: 'createWorkshop',
  method: 'POST',
  path: '/api/workshops',
  summary: 'Create a workshop with its boards (the admin token, except from the server itself)',
  auth: 'none',
  body: CreateWorkshopBody,
  status: 201,
  response: CreateWorkshopResponse,
  errors: { 401: ['admin_token_required'], ...throttled },
})

export const workshopOverview = defineRoute({
  operationId: 'workshopOverview',
  method: 'GET',
  path: '/api/workshops/:workshopId',
  summary: 'Workshop overview with live counts',
  auth: 'facilitator',
  status: 200,
  response: WorkshopOverviewResponse,
  errors: { 404: [ErrorCode.workshopNotFound] },
})

export const joinWorkshop = defineRoute({
  operationId: 'joinWorkshop',
  method: 'POST',
  path: '/api/workshops/:workshopId/participants',
  summary: 'Join with name and join code',
  auth: 'none',
  body: JoinWorkshopBody,
  status: 201,
  response: JoinWorkshopResponse,
  errors: {
    403: [ErrorCode.invalidJoinCode],
    404: [ErrorCode.workshopNotFound],
    410: [ErrorCode.workshopDeleted, 'join_code_expired'],
    ...throttled,
  },
})

export const setPassphrase = defineRoute({
  operationId: 'setPassphrase',
  method: 'POST',
  path: '/api/workshops/:workshopId/passphrase',
  summary: 'Set the recovery passphrase',
  auth: 'facilitator',
  body: PassphraseBody,
  status: 204,
  response: z.undefined(),
})

export const recoverAccess = defineRoute({
  operationId: 'recoverAccess',
  method: 'POST',
  path: '/api/workshops/:workshopId/recover',
  summary: 'New facilitator token for the passphrase',
  auth: 'none',
  body: PassphraseBody,
  status: 201,
  response: z.object({ facilitatorToken: z.string() }),
  errors: {
    403: ['invalid_passphrase'],
    404: [ErrorCode.workshopNotFound],
    410: [ErrorCode.workshopDeleted],
    ...throttled,
  },
})

export const deleteWorkshop = defineRoute({
  operationId: 'deleteWorkshop',
  method: 'DELETE',
  path: '/api/workshops/:workshopId',
  summary: 'Delete the workshop and everything in it; open sockets close with 4410',
  auth: 'facilitator',
  status: 204,
  response: z.undefined(),
  errors: { 404: [ErrorCode.workshopNotFound] },
})

export const updateWorkshop = defineRoute({
  operationId: 'updateWorkshop',
  method: 'PATCH',
  path: '/api/workshops/:workshopId',
  summary: 'Workshop settings: hideAuthors (idea cards, idea list and exports show no author names)',
  auth: 'facilitator',
  body: UpdateWorkshopBody,
  status: 200,
  response: z.object({ id: z.string(), hideAuthors: z.boolean() }),
  errors: { 404: [ErrorCode.workshopNotFound] },
})

export const takeSeat = defineRoute({
  operationId: 'takeSeat',
  method: 'POST',
  path: '/api/boards/:boardId/seat',
  summary: "Make this table the participant's current table (counted against its limit)",
  auth: 'participant',
  status: 200,
  response: TakeSeatResponse,
  errors: { 403: [ErrorCode.plenaryClosed], 404: [ErrorCode.boardNotFound], 409: [ErrorCode.tableFull] },
})

export const listTables = defineRoute({
  operationId: 'listTables',
  method: 'GET',
  path: '/api/workshops/:workshopId/tables',
  summary: 'Titles and questions of the tables this token may open',
  auth: 'any',
  status: 200,
  response: z.object({
    boards: z.array(z.object({ id: z.string(), title: z.string(), question: z.string(), kind: BoardKind })),
  }),
})

/** Every declared workshop route, for the server and the API description. */
export const workshopRoutes = [
  createWorkshop,
  workshopOverview,
  joinWorkshop,
  setPassphrase,
  recoverAccess,
  deleteWorkshop,
  updateWorkshop,
  takeSeat,
  listTables,
] as const
