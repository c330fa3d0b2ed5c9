import {
  HistoryErrorCode,
  type RestoreVersionResponse,
  SaveVersionBody,
  type SaveVersionResponse,
  type VersionListResponse,
} from '@pinnwand/shared/historyApi'
import { ErrorCode } from '@pinnwand/shared'
import type { FastifyInstance } from 'fastify'
import { buildBoardReport } from '../export/BoardReport.ts'
import { buildSvg } from '../export/svg.ts'
import type { AppContext } from '../http/context.ts'
import { ApiError, parseBody } from '../http/errors.ts'
import { requireActor, requireFacilitator } from '../http/requestAuth.ts'
import { boardFor } from '../http/boardAccess.ts'
import { type BoardHistory, toVersionDto, UnreadableVersionError } from './BoardHistory.ts'
import { VersionReason } from './BoardVersionStore.ts'

/** Previews are pictures for a side panel: wide enough to recognise cards, small to send. */
const PREVIEW_MAX_WIDTH = 1200

const versionNotFound = () =>
  new ApiError(404, HistoryErrorCode.versionNotFound, 'No version with this id on this board.')

async function unlessUnreadable<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (error instanceof UnreadableVersionError)
      throw new ApiError(422, HistoryErrorCode.versionUnreadable, error.message)
    throw error
  }
}

type VersionParams = { Params: { boardId: string; versionId: string } }

/** Board history (facilitator only): list, save, preview and restore versions. */
export function registerHistoryRoutes(app: FastifyInstance, ctx: AppContext, history: BoardHistory): void {
  app.get<{ Params: { boardId: string } }>(
    '/api/boards/:boardId/versions',
    async (request): Promise<VersionListResponse> => {
      const actor = await requireActor(ctx.store, request)
      const board = await boardFor(ctx, actor, request.params.boardId)
      requireFacilitator(actor, "see the board's history")
      const versions = await history.list(board.id)
      const automaticFailure = history.lastAutomaticFailure(board.id)
      return {
        versions: versions.map(toVersionDto),
        keepAutomatic: history.keepAutomatic,
        ...(automaticFailure ? { automaticFailure } : {}),
      }
    },
  )

  app.post<{ Params: { boardId: string } }>('/api/boards/:boardId/versions', async (request, reply) => {
    const actor = await requireActor(ctx.store, request)
    const board = await boardFor(ctx, actor, request.params.boardId)
    requireFacilitator(actor, 'save a version of the board')
    const { name } = parseBody(SaveVersionBody, request.body)
    const version = await history.save(board.id, { reason: VersionReason.manual, name, createdBy: actor.name })
    const response: SaveVersionResponse = { version: toVersionDto(version) }
    return reply.code(201).send(response)
  })

  app.get<VersionParams>('/api/boards/:boardId/versions/:versionId/preview', async (request, reply) => {
    const actor = await requireActor(ctx.store, request)
    const board = await boardFor(ctx, actor, request.params.boardId)
    requireFacilitator(actor, "see the board's history")
    const loaded = await unlessUnreadable(() => history.load(board.id, request.params.versionId))
    if (!loaded) throw versionNotFound()
    const workshop = await ctx.store.getWorkshop(board.workshopId)
    if (!workshop) throw new ApiError(404, ErrorCode.workshopNotFound, 'No workshop with this id.')
    const report = buildBoardReport({
      workshop: { id: workshop.id, title: workshop.title, date: workshop.date, language: workshop.language },
      board: { id: board.id, title: board.title, question: board.question },
      records: loaded.content.records,
      now: loaded.version.createdAt,
    })
    return (
      reply
        .header('content-type', 'image/svg+xml; charset=utf-8')
        // A version never changes; the picture may be kept, but only by this browser.
        .header('cache-control', 'private, max-age=3600')
        .header('x-content-type-options', 'nosniff')
        // Opened on its own, the SVG may not load or run anything.
        .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
        .send(buildSvg(report, { maxWidth: PREVIEW_MAX_WIDTH }))
    )
  })

  app.post<VersionParams>('/api/boards/:boardId/versions/:versionId/restore', async (request) => {
    const actor = await requireActor(ctx.store, request)
    const board = await boardFor(ctx, actor, request.params.boardId)
    requireFacilitator(actor, 'restore a version of the board')
    const result = await unlessUnreadable(() => history.restore(board.id, request.params.versionId, actor.name))
    if (!result) throw versionNotFound()
    const response: RestoreVersionResponse = {
      restoredVersionId: result.restored.id,
      beforeVersionId: result.before?.id ?? null,
      changes: result.changes,
    }
    return response
  })
}
