import type { FastifyInstance } from 'fastify'
import { replaceComments } from '@pinnwand/shared'
import * as Y from 'yjs'
import { generateId } from '../../auth/tokens.ts'
import { createBoardDocumentFromRecords } from '../../domain/boardDocument.ts'
import { prepareImportedComments, prepareImportedRecords } from '../../domain/importBoard.ts'
import { isIdeaCard } from '../../domain/ideas.ts'
import { BoardExportError, parseBoardExport } from '../../export/json.ts'
import { restoreVotingFromExport } from '../../voting/importRounds.ts'
import type { AppContext } from '../context.ts'
import { ApiError } from '../errors.ts'
import { requireActor, requireWorkshopFacilitator } from '../requestAuth.ts'

export function registerBoardImportRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.post<{ Params: { workshopId: string } }>(
    '/api/workshops/:workshopId/boards/import',
    // Board backups are larger than ordinary requests (a 2,000-card board is a few MB of JSON);
    // IMPORT_BODY_BYTES (20 MiB) caps them, and bodies this large are parsed off the event loop.
    { bodyLimit: ctx.config.importBodyBytes },
    async (request, reply) => {
      const actor = await requireActor(ctx.store, request)
      requireWorkshopFacilitator(actor, request.params.workshopId, 'import boards')
      let backup
      try {
        backup = parseBoardExport(request.body)
      } catch (error) {
        if (error instanceof BoardExportError) throw new ApiError(400, 'invalid_board_export', error.message)
        throw error
      }
      const prepared = prepareImportedRecords(ctx.schema, backup.document.schema, backup.document.records)
      if (!prepared.ok)
        throw new ApiError(400, 'invalid_board_export', `This board export cannot be imported: ${prepared.reason}.`)
      const comments = prepareImportedComments(backup.document.comments)
      if (!comments.ok)
        throw new ApiError(400, 'invalid_board_export', `This board export cannot be imported: ${comments.reason}.`)
      const existing = await ctx.store.listBoards(actor.workshopId)
      const now = Date.now()
      const board = {
        id: generateId('b'),
        workshopId: actor.workshopId,
        title: backup.meta.board.title,
        question: backup.meta.board.question ?? '',
        template: 'import',
        position: existing.length,
        createdAt: now,
        locked: false,
        phase: 'collect' as const,
        ideaCount: prepared.records.filter(isIdeaCard).length,
        lastActivityAt: null,
      }
      const doc = createBoardDocumentFromRecords(ctx.schema, prepared.records)
      replaceComments(doc, comments.comments)
      await ctx.store.addBoard(board, Y.encodeStateAsUpdate(doc))
      doc.destroy()
      await restoreVotingFromExport(ctx.voting.store, board.id, backup.report)
      request.log.info({ boardId: board.id, records: prepared.records.length }, 'board imported')
      return reply.code(201).send({ board: { id: board.id, title: board.title } })
    },
  )
}
