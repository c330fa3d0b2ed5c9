import { RetentionBody } from './privacyRoutes.ts'
import { errors, type OpenApiPaths } from '../http/openapiTypes.ts'

/** The privacy feature's part of the API description (/api/openapi.json). */
export const privacyOpenApi: OpenApiPaths = {
  '/api/workshops/{workshopId}/retention': {
    get: {
      summary: 'When the server deletes the workshop: days after its date (default RETENTION_DAYS, 90) and the day',
      auth: 'facilitator',
      responses: { '200': 'days, isDefault, deleteOn (YYYY-MM-DD)', ...errors },
    },
    put: {
      summary: 'Set the retention period in days (1..3650), or null for the server default',
      auth: 'facilitator',
      body: RetentionBody,
      responses: { '200': 'days, isDefault, deleteOn', ...errors },
    },
  },
  '/api/workshops/{workshopId}/participants/{participantId}/remove-name': {
    post: {
      summary: "Replace a participant's name by 'Teilnehmende/r' on every board, in history, ballots and exports",
      auth: 'facilitator',
      responses: { '200': 'participantId, name, boardEntries, versions', '404': 'not_found', ...errors },
    },
  },
}
