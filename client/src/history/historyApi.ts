import { callApi } from '@pinnwand/shared/contract/callApi'
import type { RestoreVersionResponse, SaveVersionResponse, VersionListResponse } from '@pinnwand/shared/historyApi'
import * as routes from '@pinnwand/shared/historyRoutes'

/** Board history with the facilitator's token (shared/src/historyRoutes.ts); failures are ApiError. */

export function fetchVersions(boardId: string, token: string): Promise<VersionListResponse> {
  return callApi(routes.listVersions, { params: { boardId }, token })
}

export function saveVersion(boardId: string, name: string, token: string): Promise<SaveVersionResponse> {
  return callApi(routes.saveVersion, { params: { boardId }, body: { name }, token })
}

export function restoreVersion(boardId: string, versionId: string, token: string): Promise<RestoreVersionResponse> {
  return callApi(routes.restoreVersion, { params: { boardId, versionId }, token })
}

/**
 * The version's picture as a blob URL (an <img src> cannot carry the bearer token). The caller
 * revokes it when the picture goes.
 */
export async function fetchPreviewUrl(boardId: string, versionId: string, token: string): Promise<string> {
  return URL.createObjectURL(await callApi(routes.previewVersion, { params: { boardId, versionId }, token }))
}
