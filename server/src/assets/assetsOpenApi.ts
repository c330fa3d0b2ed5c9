import { Limits, UploadImageTypes } from '@pinnwand/shared'
import { errors, type OpenApiPaths } from '../http/openapiTypes.ts'

/** The assets feature's part of the API description (/api/openapi.json). */
export const assetsOpenApi: OpenApiPaths = {
  '/api/boards/{boardId}/assets': {
    post: {
      summary: `Upload a picture to the board: its bytes with its content type (PNG, JPEG, GIF or WebP, judged by the bytes; up to ${Limits.assetBytesMax} bytes). The server writes the upload's asset record into the board; asset records may point only at this board's uploads`,
      auth: 'participant',
      binaryBody: UploadImageTypes,
      responses: {
        '201': 'asset: recordId, src (the URL for asset records), mimeType, width, height, bytes',
        '200': 'the board holds the same picture already: that one',
        '409': 'board_locked (participants, while locked or during a round)',
        '413': 'payload_too_large (one picture) | board_assets_full (all of the board)',
        '415': 'unsupported_image (not a PNG, JPEG, GIF or WebP, SVG included, or sent as another type)',
        '422': 'validation_failed (more than 16384 pixels wide or high)',
        ...errors,
      },
    },
  },
  '/api/boards/{boardId}/assets/{assetId}': {
    get: {
      summary:
        'An uploaded picture (also HEAD), for anyone who may read the board, the projector included: immutable, private cache, nosniff, CSP sandbox',
      auth: 'any',
      responses: { '200': 'the picture', '304': 'not modified (If-None-Match)', '404': 'asset_not_found', ...errors },
    },
  },
}
