import { SaveVersionBody } from '@pinnwand/shared/historyApi'
import { errors, type OpenApiPaths } from '../http/openapiTypes.ts'

/** The history feature's part of the API description (/api/openapi.json). */
export const historyOpenApi: OpenApiPaths = {
  '/api/boards/{boardId}/versions': {
    get: {
      summary: 'Board history: versions, newest first',
      auth: 'facilitator',
      responses: { '200': 'versions, keepAutomatic', ...errors },
    },
    post: {
      summary: 'Save the board as a named version',
      auth: 'facilitator',
      body: SaveVersionBody,
      responses: { '201': 'version', ...errors },
    },
  },
  '/api/boards/{boardId}/versions/{versionId}/preview': {
    get: {
      summary: 'A version drawn as SVG',
      auth: 'facilitator',
      responses: { '200': 'image/svg+xml', '404': 'version_not_found', '422': 'version_unreadable', ...errors },
    },
  },
  '/api/boards/{boardId}/versions/{versionId}/restore': {
    post: {
      summary: 'Restore a version on the live board (the state before is saved as a version: undoable)',
      auth: 'facilitator',
      responses: { '200': 'restoredVersionId, beforeVersionId, changes', '404': 'version_not_found', ...errors },
    },
  },
}
