import { z } from 'zod'
import { defineRoute } from './contract/route.ts'
import { ErrorCode } from './errorCodes.ts'
import { IdeaImportBody, IdeaImportErrorCode as E, IdeaImportResponse } from './ideaImport.ts'

/**
 * Imports, declared once (server: server/src/import/ideaImportRoutes.ts and boardImportRoutes.ts;
 * client: callApi).
 */

export const importIdeas = defineRoute({
  operationId: 'importIdeas',
  method: 'POST',
  path: '/api/boards/:boardId/ideas/import',
  summary: 'Import ideas: pasted text (one per line or CSV with text, cluster) or a list; one live update',
  auth: 'facilitator',
  body: IdeaImportBody,
  status: 201,
  response: IdeaImportResponse,
  errors: {
    404: [ErrorCode.boardNotFound],
    // Its own body limit (server/src/import/ideaImportRoutes.ts), above the API's usual one.
    413: [ErrorCode.payloadTooLarge],
    422: [E.tooManyIdeas, E.nothingToImport],
  },
})

export const importBoard = defineRoute({
  operationId: 'importBoard',
  method: 'POST',
  path: '/api/workshops/:workshopId/boards/import',
  summary:
    "Import a board's JSON export (GET /api/boards/{boardId}/export?format=json) as a new board, with its " +
    'rounds and pictures (body up to IMPORT_BODY_BYTES, 20 MiB)',
  auth: 'facilitator',
  // Checked record by record in the import worker, not here: a big backup is parsed off the event loop.
  body: z.unknown().describe("A board's JSON export, as the export made it"),
  status: 201,
  response: z.object({ board: z.object({ id: z.string(), title: z.string() }) }),
  errors: {
    400: [ErrorCode.badRequest, 'invalid_board_export'],
    413: [ErrorCode.payloadTooLarge],
  },
})

/** Every import route, for the server and the API description. */
export const importRoutes = [importIdeas, importBoard] as const
