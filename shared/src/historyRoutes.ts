import { z } from 'zod'
import { defineRoute } from './contract/route.ts'
import { ErrorCode } from './errorCodes.ts'
import {
  HistoryErrorCode as E,
  RestoreVersionResponse,
  SaveVersionBody,
  SaveVersionResponse,
  VersionListResponse,
} from './historyApi.ts'

/** The board history API, declared once (server: server/src/history/historyRoutes.ts; client: callApi). */

export const listVersions = defineRoute({
  operationId: 'listVersions',
  method: 'GET',
  path: '/api/boards/:boardId/versions',
  summary: 'Board history: versions, newest first',
  auth: 'facilitator',
  status: 200,
  response: VersionListResponse,
  errors: { 404: [ErrorCode.boardNotFound] },
})

export const saveVersion = defineRoute({
  operationId: 'saveVersion',
  method: 'POST',
  path: '/api/boards/:boardId/versions',
  summary: 'Save the board as a named version',
  auth: 'facilitator',
  body: SaveVersionBody,
  status: 201,
  response: SaveVersionResponse,
  errors: { 404: [ErrorCode.boardNotFound] },
})

export const previewVersion = defineRoute({
  operationId: 'previewVersion',
  method: 'GET',
  path: '/api/boards/:boardId/versions/:versionId/preview',
  summary: 'A version drawn as SVG',
  auth: 'facilitator',
  status: 200,
  response: z.unknown(),
  produces: ['image/svg+xml'],
  errors: {
    404: [ErrorCode.boardNotFound, E.versionNotFound, ErrorCode.workshopNotFound],
    422: [E.versionUnreadable],
  },
})

export const restoreVersion = defineRoute({
  operationId: 'restoreVersion',
  method: 'POST',
  path: '/api/boards/:boardId/versions/:versionId/restore',
  summary: 'Restore a version on the live board (the state before is saved as a version: undoable)',
  auth: 'facilitator',
  status: 200,
  response: RestoreVersionResponse,
  errors: { 404: [ErrorCode.boardNotFound, E.versionNotFound], 422: [E.versionUnreadable] },
})

/** Every history route, for the server and the API description. */
export const historyRoutes = [listVersions, saveVersion, previewVersion, restoreVersion] as const
