import { HistoryErrorCode } from '@pinnwand/shared/historyApi'
import * as routes from '@pinnwand/shared/historyRoutes'
import { ErrorCode } from '@pinnwand/shared'
import type { FastifyInstance } from 'fastify'
import { buildBoardReport } from '../export/BoardReport.ts'
import { buildSvg } from '../export/svg.ts'
import type { AppContext } from '../http/context.ts'
import { ApiError } from '../http/errors.ts'
import { registerRoute } from '../http/registerRoute.ts'
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

/** Board history (facilitator only): list, save, preview and restore versions (shared/src/historyRoutes.ts). */
export function registerHistoryRoutes(app: FastifyInstance, ctx: AppContext, history: BoardHistory): void {
  registerRoute(app, routes.listVersions, async ({ params, request }) => {
    const actor = await requireActor(ctx.store, request)
    const board = await boardFor(ctx, actor, params.boardId)
    requireFacilitator(actor, "see the board's history")
    const versions = await history.list(board.id)
    const automaticFailure = history.lastAutomaticFailure(board.id)
    return {
      versions: versions.map(toVersionDto),
      keepAutomatic: history.keepAutomatic,
      ...(automaticFailure ? { automaticFailure } : {}),
    }
  })

  registerRoute(app, routes.saveVersion, async ({ params, body, request }) => {
    const actor = await requireActor(ctx.store, request)
    const board = await boardFor(ctx, actor, params.boardId)
    requireFacilitator(actor, 'save a version of the board')
    const { name } = body()
    const version = await history.save(board.id, { reason: VersionReason.manual, name, createdBy: actor.name })
    return { version: toVersionDto(version) }
  })

  registerRoute(app, routes.previewVersion, async ({ params, request, reply }) => {
    const actor = await requireActor(ctx.store, request)
    const board = await boardFor(ctx, actor, params.boardId)
    requireFacilitator(actor, "see the board's history")
    const loaded = await unlessUnreadable(() => history.load(board.id, params.versionId))
    if (!loaded) throw versionNotFound()
    const workshop = await ctx.store.getWorkshop(board.workshopId)
    if (!workshop) throw new ApiError(404, ErrorCode.workshopNotFound, 'No workshop with this id.')
    const report = buildBoardReport({
      workshop: { id: workshop.id, title: workshop.title, date: workshop.date, language: workshop.language },
      board: { id: board.id, title: board.title, question: board.question },
      records: loaded.content.records,
      now: loaded.version.createdAt,
    })
    reply
      .header('content-type', 'image/svg+xml; charset=utf-8')
      // A version never changes; the picture may be kept, but only by this browser.
      .header('cache-control', 'private, max-age=3600')
      .header('x-content-type-options', 'nosniff')
      // Opened on its own, the SVG may not load or run anything.
      .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
    return Buffer.from(buildSvg(report, { maxWidth: PREVIEW_MAX_WIDTH }), 'utf8')
  })

  registerRoute(app, routes.restoreVersion, async ({ params, request }) => {
    const actor = await requireActor(ctx.store, request)
    const board = await boardFor(ctx, actor, params.boardId)
    requireFacilitator(actor, 'restore a version of the board')
    const result = await unlessUnreadable(() => history.restore(board.id, params.versionId, actor.name))
    if (!result) throw versionNotFound()
    return {
      restoredVersionId: result.restored.id,
      beforeVersionId: result.before?.id ?? null,
      changes: result.changes,
    }
  })
}
