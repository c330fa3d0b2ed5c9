import type { RestoreVersionResponse, SaveVersionResponse, VersionListResponse } from '@pinnwand/shared/historyApi'
import { ApiError } from '../api/apiClient.ts'

const board = (boardId: string) => `/api/boards/${encodeURIComponent(boardId)}/versions`

/** One API call with the facilitator's token; failures become ApiError like everywhere else. */
async function send(method: string, path: string, token: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` }
  if (body !== undefined) headers['content-type'] = 'application/json'
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
  if (!response.ok) {
    const error = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null
    throw new ApiError(
      response.status,
      error?.error?.code ?? 'http_error',
      error?.error?.message ?? response.statusText,
    )
  }
  return response
}

export async function fetchVersions(boardId: string, token: string): Promise<VersionListResponse> {
  return (await send('GET', board(boardId), token)).json() as Promise<VersionListResponse>
}

export async function saveVersion(boardId: string, name: string, token: string): Promise<SaveVersionResponse> {
  return (await send('POST', board(boardId), token, { name })).json() as Promise<SaveVersionResponse>
}

export async function restoreVersion(
  boardId: string,
  versionId: string,
  token: string,
): Promise<RestoreVersionResponse> {
  const path = `${board(boardId)}/${encodeURIComponent(versionId)}/restore`
  return (await send('POST', path, token, {})).json() as Promise<RestoreVersionResponse>
}

/**
 * The version's picture as a blob URL (an <img src> cannot carry the bearer token). The caller
 * revokes it when the picture goes.
 */
export async function fetchPreviewUrl(boardId: string, versionId: string, token: string): Promise<string> {
  const path = `${board(boardId)}/${encodeURIComponent(versionId)}/preview`
  return URL.createObjectURL(await (await send('GET', path, token)).blob())
}
