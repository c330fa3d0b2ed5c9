import { createHash, randomBytes } from 'node:crypto'
import {
  boardAssetUrl,
  ErrorCode,
  isUploadId,
  Limits,
  type UploadAssetResponse,
  UploadImageTypes,
} from '@pinnwand/shared'
import * as routes from '@pinnwand/shared/assetRoutes'
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { canWriteBoard } from '../auth/Actor.ts'
import type { AppContext } from '../http/context.ts'
import { ApiError, forbidden } from '../http/errors.ts'
import { answer as answerWith, registerRoute } from '../http/registerRoute.ts'
import { requireActor } from '../http/requestAuth.ts'
import { boardFor, recordRefusalError } from '../http/boardAccess.ts'
import type { Store } from '../store/Store.ts'
import { LOCKED_VERDICT, validateRecord } from '../sync/recordPolicy.ts'
import type { AssetStore } from './AssetStore.ts'
import { readImageInfo } from './imageInfo.ts'
import { assetFileName, buildUploadRecord } from './uploadRecord.ts'

/** The store opened with the features' stores carries the images port (assetsFeature.ts, kyselyAssetStore.ts). */
export function assetStoreOf(store: Store): AssetStore {
  const assets = (store as Store & { assets?: AssetStore }).assets
  if (!assets) throw new Error('this store keeps no uploaded images')
  return assets
}

const MIB = 1024 * 1024
const TYPE_LIST = 'PNG, JPEG, GIF or WebP'

const notFound = () => new ApiError(404, ErrorCode.assetNotFound, 'No image with this id on this board.')

/**
 * An image on its own URL is opened by nobody but the board's `<img>`: no script may run in it
 * (sandbox), the browser must not guess another type (nosniff, set for every response), and it
 * never changes, so it is cached for good (private: it needs a token).
 */
const SERVE_HEADERS = {
  'content-security-policy': "sandbox; default-src 'none'",
  'cache-control': 'private, max-age=31536000, immutable',
  'cross-origin-resource-policy': 'same-origin',
} as const

/** Only the upload route reads raw bytes: the JSON routes keep their own parser. */
function acceptImageBodies(scope: FastifyInstance): void {
  scope.addContentTypeParser([...UploadImageTypes], { parseAs: 'buffer' }, (_request, body, done) => done(null, body))
  scope.addContentTypeParser('*', (_request, _payload, done) => done(notAnImageBody()))
}

const notAnImageBody = () =>
  new ApiError(
    415,
    ErrorCode.unsupportedImage,
    `Send the image's bytes with its type (content-type: image/png, image/jpeg, image/gif or image/webp).`,
  )

/** 413 in words a person understands, instead of the generic "body larger than N bytes". */
function uploadErrorHandler(error: FastifyError | ApiError, _request: FastifyRequest, _reply: FastifyReply): never {
  if (!(error instanceof ApiError) && error.statusCode === 413) {
    throw new ApiError(
      413,
      ErrorCode.payloadTooLarge,
      `The image is larger than ${Limits.assetBytesMax / MIB} MB. Please use a smaller picture.`,
      { maxBytes: Limits.assetBytesMax },
    )
  }
  throw error
}

/**
 * Images on a board: `POST /api/boards/:boardId/assets` stores one (the facilitator, or a
 * participant while the board takes their cards) and writes its record into the board document;
 * `GET|HEAD /api/boards/:boardId/assets/:assetId` serves it to anyone who may read the board.
 * docs/board-document.md, "Images".
 */
export function registerAssetRoutes(app: FastifyInstance, ctx: AppContext): void {
  const assets = assetStoreOf(ctx.store)

  void app.register(async (scope) => {
    acceptImageBodies(scope)
    registerRoute(
      scope,
      routes.uploadAsset,
      async ({ params, body, request }) => {
        const actor = await requireActor(ctx.store, request)
        const board = await boardFor(ctx, actor, params.boardId)
        if (!canWriteBoard(actor, board)) throw forbidden('Read-only access cannot add images.')
        // JSON keeps the app's own parser (also in this scope): `null`, `{}` … arrive parsed.
        const raw: unknown = body()
        if (!Buffer.isBuffer(raw)) throw notAnImageBody()
        const data = new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength)
        const info = readImageInfo(data)
        const declared = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase()
        if (!info) throw new ApiError(415, ErrorCode.unsupportedImage, `This file is not a ${TYPE_LIST} image.`)
        if (info.mimeType !== declared) {
          throw new ApiError(
            415,
            ErrorCode.unsupportedImage,
            `The file is a ${info.mimeType} image, but was sent as ${declared}; send it with its own type.`,
          )
        }
        if (info.width > Limits.assetPixelsMax || info.height > Limits.assetPixelsMax) {
          throw new ApiError(
            422,
            ErrorCode.validationFailed,
            `The image is ${info.width} × ${info.height} pixels; at most ${Limits.assetPixelsMax} pixels each way.`,
          )
        }
        const room = await ctx.rooms.open(board.id)
        try {
          // The same rule as for cards: participants add nothing to a locked board or during a round.
          if (actor.role === 'participant' && room.isLockedForParticipants) throw recordRefusalError(LOCKED_VERDICT)
          const stored = await assets.addAsset(
            {
              id: `img${randomBytes(16).toString('base64url')}`,
              boardId: board.id,
              mimeType: info.mimeType,
              bytes: data.byteLength,
              width: info.width,
              height: info.height,
              sha256: createHash('sha256').update(data).digest('hex'),
              createdAt: Date.now(),
              createdBy: actor.userId,
            },
            data,
            Limits.boardAssetBytesMax,
          )
          if ('full' in stored) {
            throw new ApiError(
              413,
              ErrorCode.boardAssetsFull,
              `The board's images take ${Math.round(stored.usedBytes / MIB)} MB; at most ${Limits.boardAssetBytesMax / MIB} MB per board.`,
            )
          }
          const record = buildUploadRecord(stored.asset)
          const invalid = validateRecord(record.id, record, undefined, ctx.schema)
          if (invalid) throw new Error(`upload record invalid: ${invalid}`)
          // Written by the server, so it stands whatever the record rules say about client writes;
          // written again if the facilitator had deleted it (the bytes stay with the board).
          await room.change((records) => {
            const current = records.get(record.id) as { props?: unknown } | undefined
            if (JSON.stringify(current?.props) !== JSON.stringify(record.props)) records.set(record.id, record)
          })
          const { asset } = stored
          const answer: UploadAssetResponse = {
            asset: {
              recordId: record.id,
              src: boardAssetUrl(board.id, asset.id),
              mimeType: asset.mimeType,
              width: asset.width,
              height: asset.height,
              bytes: asset.bytes,
            },
          }
          return stored.created ? answer : answerWith(200, answer)
        } finally {
          ctx.rooms.releaseIfIdle(room)
        }
      },
      { fastify: { bodyLimit: Limits.assetBytesMax, errorHandler: uploadErrorHandler } },
    )
  })

  registerRoute(
    app,
    routes.getAsset,
    async ({ params, request, reply }) => {
      const actor = await requireActor(ctx.store, request)
      const board = await boardFor(ctx, actor, params.boardId)
      if (!isUploadId(params.assetId)) throw notFound()
      const etag = `"${params.assetId}"`
      if (request.headers['if-none-match'] === etag) {
        if (!(await assets.getAsset(board.id, params.assetId))) throw notFound()
        reply.header('etag', etag)
        return answerWith(304, undefined)
      }
      const found = await assets.getAssetData(board.id, params.assetId)
      if (!found) throw notFound()
      reply
        .header('content-type', found.asset.mimeType)
        .header('etag', etag)
        .header('content-disposition', `inline; filename="${assetFileName(found.asset)}"`)
      return Buffer.from(found.data.buffer, found.data.byteOffset, found.data.byteLength)
    },
    {
      fastify: {
        // After the app-wide security headers: this response gets its own, stricter policy.
        onSend: async (_request, reply, payload) => {
          if (reply.statusCode < 400) reply.headers(SERVE_HEADERS)
          return payload
        },
      },
    },
  )
}
