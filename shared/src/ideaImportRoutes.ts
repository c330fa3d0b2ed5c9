import { defineRoute } from './contract/route.ts'
import { ErrorCode } from './errorCodes.ts'
import { IdeaImportBody, IdeaImportErrorCode as E, IdeaImportResponse } from './ideaImport.ts'

/** The idea import, declared once (server: server/src/import/ideaImportRoutes.ts; client: callApi). */

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

/** Every idea import route (the board import, `/api/workshops/:workshopId/boards/import`, is not declared). */
export const ideaImportRoutes = [importIdeas] as const
