import { callApi } from '@pinnwand/shared/contract/callApi'
import type { IdeaImportFormat, IdeaImportResponse } from '@pinnwand/shared/ideaImport'
import * as routes from '@pinnwand/shared/importRoutes'

/** `POST /api/boards/:boardId/ideas/import`: the server parses the same text the preview showed. */
export function importIdeas(
  boardId: string,
  text: string,
  format: IdeaImportFormat,
  token: string,
): Promise<IdeaImportResponse> {
  return callApi(routes.importIdeas, { params: { boardId }, body: { text, format }, token })
}
