import type { IdeaImportFormat, IdeaImportResponse } from '@pinnwand/shared/ideaImport'
import { ApiError } from '../api/apiClient.ts'

/** `POST /api/boards/:boardId/ideas/import`: the server parses the same text the preview showed. */
export async function importIdeas(
  boardId: string,
  text: string,
  format: IdeaImportFormat,
  token: string,
): Promise<IdeaImportResponse> {
  const response = await fetch(`/api/boards/${encodeURIComponent(boardId)}/ideas/import`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ text, format }),
  })
  if (!response.ok) {
    const error = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null
    throw new ApiError(
      response.status,
      error?.error?.code ?? 'http_error',
      error?.error?.message ?? response.statusText,
    )
  }
  return (await response.json()) as IdeaImportResponse
}
