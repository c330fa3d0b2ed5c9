import { defineRoute } from './contract/route.ts'
import { ErrorCode } from './errorCodes.ts'
import { RemoveNameResponse, RetentionBody, RetentionResponse } from './privacyApi.ts'

/** The data-protection API, declared once (server: server/src/privacy/privacyRoutes.ts). */

export const getRetention = defineRoute({
  operationId: 'getRetention',
  method: 'GET',
  path: '/api/workshops/:workshopId/retention',
  summary: 'When the server deletes the workshop: days after its date (default RETENTION_DAYS, 90) and the day',
  auth: 'facilitator',
  status: 200,
  response: RetentionResponse,
  errors: { 404: [ErrorCode.workshopNotFound] },
})

export const setRetention = defineRoute({
  operationId: 'setRetention',
  method: 'PUT',
  path: '/api/workshops/:workshopId/retention',
  summary: 'Set the retention period in days (1..3650), or null for the server default',
  auth: 'facilitator',
  body: RetentionBody,
  status: 200,
  response: RetentionResponse,
  errors: { 404: [ErrorCode.workshopNotFound] },
})

export const removeParticipantName = defineRoute({
  operationId: 'removeParticipantName',
  method: 'POST',
  path: '/api/workshops/:workshopId/participants/:participantId/remove-name',
  summary: "Replace a participant's name by 'Teilnehmende/r' on every board, in history, ballots and exports",
  auth: 'facilitator',
  status: 200,
  response: RemoveNameResponse,
  errors: { 404: [ErrorCode.notFound] },
})

/** Every privacy route, for the server and the API description. */
export const privacyRoutes = [getRetention, setRetention, removeParticipantName] as const
