import { IdeaImportBody } from '@pinnwand/shared/ideaImport'
import { errors, type OpenApiPaths } from '../http/openapiTypes.ts'

/**
 * The import feature's part of the API description (/api/openapi.json), still by hand: a
 * feature's `openapi` is either declared routes or hand-written paths, and the board import is
 * not declared yet. The idea import is declared in shared/src/ideaImportRoutes.ts (its handler
 * and callers use it); once the board import is declared too, `openapi` lists both routes and
 * this file goes.
 */
export const importOpenApi: OpenApiPaths = {
  '/api/boards/{boardId}/ideas/import': {
    post: {
      summary: 'Import ideas: pasted text (one per line or CSV with text, cluster) or a list; one live update',
      auth: 'facilitator',
      body: IdeaImportBody,
      responses: {
        '201': 'created, ideaIds, clusters, problems',
        '422': 'too_many_ideas | nothing_to_import',
        ...errors,
      },
    },
  },
  '/api/workshops/{workshopId}/boards/import': {
    post: {
      summary: "Import a board's JSON export as a new board (body up to IMPORT_BODY_BYTES, 20 MiB)",
      auth: 'facilitator',
      responses: { '201': 'board', ...errors, '413': 'payload_too_large' },
    },
  },
}
