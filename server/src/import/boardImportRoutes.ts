import { Limits } from '@pinnwand/shared'
import { importBoard } from '@pinnwand/shared/importRoutes'
import type { FastifyInstance } from 'fastify'
import { assetStoreOf } from '../assets/assetRoutes.ts'
import { generateId } from '../auth/tokens.ts'
import { BoardImportRunner } from './BoardImportRunner.ts'
import { restoreVotingFromExport } from '../voting/importRounds.ts'
import type { AppContext } from '../http/context.ts'
import { VotingRounds } from '../voting/votingService.ts'
import { ApiError } from '../http/errors.ts'
import { registerRoute } from '../http/registerRoute.ts'
import { UnparsedJson } from '../http/jsonBodyParser.ts'
import { requireActor, requireWorkshopFacilitator } from '../http/requestAuth.ts'

export function registerBoardImportRoutes(app: FastifyInstance, ctx: AppContext): void {
  const runner = new BoardImportRunner()
  app.addHook('onClose', () => runner.close())
  registerRoute(
    app,
    importBoard,
    async ({ params, body: readBody, request }) => {
      const actor = await requireActor(ctx.store, request)
      requireWorkshopFacilitator(actor, params.workshopId, 'import boards')
      const boardId = generateId('b')
      const body = readBody()
      const built = await runner.build(
        body instanceof UnparsedJson ? { bytes: body.bytes, boardId } : { body, boardId },
      )
      if (!built.ok) {
        if (built.status >= 500) throw new Error(`board import failed in the worker: ${built.message}`)
        throw new ApiError(built.status, built.code, built.message)
      }
      const existing = await ctx.store.listBoards(actor.workshopId)
      const board = {
        id: boardId,
        workshopId: actor.workshopId,
        title: built.title,
        question: built.question,
        template: 'import',
        position: existing.length,
        createdAt: Date.now(),
        locked: false,
        phase: 'collect' as const,
        ideaCount: built.ideaCount,
        lastActivityAt: null,
      }
      await ctx.store.addBoard(board, built.update)
      // The backup's pictures, under the new ids its records already point at.
      const assets = assetStoreOf(ctx.store)
      for (const image of built.images) {
        await assets.addAsset(
          {
            id: image.id,
            boardId,
            mimeType: image.mimeType,
            bytes: image.data.byteLength,
            width: image.width,
            height: image.height,
            sha256: image.sha256,
            createdAt: board.createdAt,
            createdBy: actor.userId,
          },
          image.data,
          Limits.boardAssetBytesMax,
        )
      }
      await restoreVotingFromExport(ctx.services.get(VotingRounds), board.id, built.voting)
      request.log.info(
        {
          boardId: board.id,
          records: built.recordCount,
          images: built.images.length,
          missingImages: built.missingImages,
        },
        'board imported',
      )
      return { board: { id: board.id, title: board.title } }
    },
    // Board backups are larger than ordinary requests (a 2,000-card board is a few MB of JSON);
    // IMPORT_BODY_BYTES (20 MiB) caps them. Parsing, checking every record and building the
    // document all happen in the import worker: the event loop only stores the result.
    { fastify: { bodyLimit: ctx.config.importBodyBytes, config: { largeJsonAsBytes: true } } },
  )
}
