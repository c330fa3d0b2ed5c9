import { z } from 'zod'
import { UploadAssetResponse, UploadImageTypes } from './boardAssets.ts'
import { defineRoute } from './contract/route.ts'
import { ErrorCode } from './errorCodes.ts'
import { Limits } from './limits.ts'

/** Pictures on a board, declared once (server: server/src/assets/assetRoutes.ts). */

export const uploadAsset = defineRoute({
  operationId: 'uploadAsset',
  method: 'POST',
  path: '/api/boards/:boardId/assets',
  summary:
    `Upload a picture to the board: its bytes with its content type (PNG, JPEG, GIF or WebP, judged by the bytes; ` +
    `up to ${Limits.assetBytesMax} bytes). The server writes the upload's asset record into the board; asset ` +
    `records may point only at this board's uploads. 200: the board holds the same picture already`,
  auth: 'participant',
  consumes: UploadImageTypes,
  status: 201,
  response: UploadAssetResponse,
  alsoAnswers: { 200: UploadAssetResponse },
  errors: {
    404: [ErrorCode.boardNotFound],
    409: [ErrorCode.boardLocked],
    413: [ErrorCode.payloadTooLarge, ErrorCode.boardAssetsFull],
    415: [ErrorCode.unsupportedImage],
    422: [ErrorCode.validationFailed],
  },
})

export const getAsset = defineRoute({
  operationId: 'getAsset',
  method: 'GET',
  path: '/api/boards/:boardId/assets/:assetId',
  summary:
    'An uploaded picture (also HEAD), for anyone who may read the board, the projector included: immutable, ' +
    'private cache, nosniff, CSP sandbox; 304 for a matching If-None-Match',
  auth: 'any',
  status: 200,
  response: z.unknown(),
  produces: UploadImageTypes,
  alsoAnswers: { 304: z.undefined() },
  errors: { 404: [ErrorCode.boardNotFound, ErrorCode.assetNotFound] },
})

/** Every declared asset route, for the server and the API description. */
export const assetRoutes = [uploadAsset, getAsset] as const
