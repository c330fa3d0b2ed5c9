import type { Readable } from 'node:stream'
import { BoardDoc, boardKindOf, ErrorCode, getMetaMap } from '@pinnwand/shared'
import { tableNumbers } from '@pinnwand/shared/controlApi'
import * as routes from '@pinnwand/shared/exportRoutes'
import type { FastifyInstance, FastifyReply } from 'fastify'
import { copyRecordsSafely } from '../domain/safeRecords.ts'
import { buildBoardReport } from './BoardReport.ts'
import { mergeBoardExtras } from './boardExtras.ts'
import type { BoardDocumentPart } from '../features/boardExtras.ts'
import { ExportRunner } from './ExportRunner.ts'
import { contentDisposition } from './filename.ts'
import { reportDetailsFrom } from './reportDetails.ts'
import {
  type BoardExportJob,
  ContentType,
  fileExtension,
  HEAVY_FORMATS,
  isBoardExportFormat,
  renderBoardExportToBuffer,
} from './renderExport.ts'
import type { BoardRow, Store } from '../store/Store.ts'
import type { AppContext } from '../http/context.ts'
import { BoardDocumentReaders, BoardExtrasSources } from '../features/coreHooks.ts'
import type { ExportStores } from './ExportSettingsStore.ts'
import { ApiError } from '../http/errors.ts'
import { registerRoute } from '../http/registerRoute.ts'
import { requireActor, requireFacilitator, requireWorkshopFacilitator } from '../http/requestAuth.ts'
import { loadExportSettings, registerExportSettingsRoutes } from './exportSettingsRoutes.ts'
import { boardFor } from '../http/boardAccess.ts'

const FORMATS = routes.BoardExportFormats.join('|')
/** One worker per process, started at the first heavy export. */
let runner: ExportRunner | null = null

/** Reads the board's document and the features' data into one export job. */
async function loadJob(
  ctx: ExportContext,
  board: BoardRow,
  { withImages = false }: { withImages?: boolean } = {},
): Promise<BoardExportJob> {
  const workshop = await ctx.store.getWorkshop(board.workshopId)
  if (!workshop) throw new ApiError(404, ErrorCode.workshopNotFound, 'No workshop with this id.')
  const room = await ctx.rooms.open(board.id)
  let records: unknown[]
  let schema: unknown
  let documentParts: BoardDocumentPart[]
  let omitted: string[]
  let metaCleared: string[]
  try {
    // One bad record (nested thousands of levels deep) must not fail the export: it is left out
    // and the report says so.
    ;({ records, omitted, metaCleared } = copyRecordsSafely([...room.records.map.values()].map((entry) => entry.val)))
    schema = getMetaMap(room.doc).get(BoardDoc.schemaKey) ?? ctx.schema.serialize()
    // The features' parts of the document (comments live in it beside the cards, not in the
    // database): read in the same synchronous step, the report shows one state.
    documentParts = ctx.services.all(BoardDocumentReaders).map((read) => read(room.doc, records))
  } finally {
    ctx.rooms.releaseIfIdle(room)
  }
  if (omitted.length > 0) ctx.logger.warn({ boardId: board.id, omitted }, 'export left out records it cannot read')
  // The features' parts (voting's rounds, moderation's rejected cards, history's versions, a
  // backup's pictures), in feature-list order.
  const exported = { id: board.id, workshopId: board.workshopId, language: workshop.language, backup: withImages }
  const parts = await Promise.all(ctx.services.all(BoardExtrasSources).map((part) => part(exported)))
  const { documentMeta, images, ...extras } = mergeBoardExtras(parts)
  const { settings, logoPng } = await loadExportSettings(ctx.store.exportSettings, workshop.id)
  const report = buildBoardReport({
    workshop: {
      id: workshop.id,
      title: workshop.title,
      date: settings.date ?? workshop.date,
      language: workshop.language,
    },
    board: {
      id: board.id,
      title: board.title,
      question: board.question,
      kind: boardKindOf(board),
      // "Tisch 3 · Mobilität" in every report, numbered as on the board and the join sheet.
      number: tableNumbers(await ctx.store.listBoards(board.workshopId)).get(board.id) ?? null,
    },
    records: records as never[],
    // The workshop's own settings; a feature source may still say more.
    facilitator: board.facilitatorName ?? null,
    // Names are printed only when the organiser chose so at export, and never when the
    // workshop hides them everywhere.
    hideAuthors: (workshop.hideAuthors ?? false) || !settings.showAuthors,
    omittedItems: omitted.length,
    details: reportDetailsFrom(settings, logoPng),
    ...extras,
    comments: [...documentParts.flatMap((part) => part.comments ?? []), ...(extras.comments ?? [])],
  })
  return {
    report,
    records,
    comments: documentParts.flatMap((part) => part.backupComments ?? []),
    schema,
    appVersion: ctx.version,
    // The backup says which records lost a `meta` nested too deep to copy.
    documentMeta: { recordCount: records.length, ...documentMeta, ...(metaCleared.length > 0 ? { metaCleared } : {}) },
    // The JSON backup carries the board's uploaded pictures, so an import brings them back.
    ...(withImages ? { images: images ?? [] } : {}),
  }
}

/** The file as an attachment: its headers on the reply, its bytes or stream for registerRoute to send. */
function attachment(reply: FastifyReply, body: Readable | Buffer, type: string, disposition: string) {
  reply
    .header('content-type', type)
    .header('content-disposition', disposition)
    .header('cache-control', 'no-store')
    .header('x-content-type-options', 'nosniff')
  return body
}

/** The core's context with the export feature's store (`store.exportSettings`). */
type ExportContext = AppContext & { readonly store: Store & ExportStores }

export function registerExportRoutes(app: FastifyInstance, ctx: ExportContext): void {
  registerExportSettingsRoutes(app, ctx)
  registerRoute(app, routes.exportBoard, async ({ params, query, request, reply }) => {
    const actor = await requireActor(ctx.store, request)
    const board = await boardFor(ctx, actor, params.boardId)
    requireFacilitator(actor, 'export results')
    const format = query.format ?? 'pdf'
    if (!isBoardExportFormat(format)) {
      throw new ApiError(
        400,
        'unsupported_format',
        `Unknown export format "${String(format).slice(0, 20)}"; use ${FORMATS}.`,
      )
    }
    const job = await loadJob(ctx, board, { withImages: format === 'json' })
    const disposition = contentDisposition(board.title, fileExtension(format))
    if (!HEAVY_FORMATS.has(format)) {
      return attachment(reply, await renderBoardExportToBuffer(format, job), ContentType[format], disposition)
    }
    runner ??= new ExportRunner()
    const stream = await runner.run({ kind: 'board', format, job })
    return attachment(reply, stream, ContentType[format], disposition)
  })

  registerRoute(app, routes.exportWorkshop, async ({ params, query, request, reply }) => {
    const actor = await requireActor(ctx.store, request)
    requireWorkshopFacilitator(actor, params.workshopId, 'export results')
    const format = query.format ?? 'zip'
    if (format !== 'zip') throw new ApiError(400, 'unsupported_format', 'Workshops export as format=zip.')
    const workshop = await ctx.store.getWorkshop(actor.workshopId)
    if (!workshop) throw new ApiError(404, ErrorCode.workshopNotFound, 'No workshop with this id.')
    const boards = await ctx.store.listBoards(workshop.id)
    const jobs: BoardExportJob[] = []
    // One board at a time: loading every board of a big event at once would spike memory.
    for (const board of boards) jobs.push(await loadJob(ctx, board, { withImages: true }))
    runner ??= new ExportRunner()
    const stream = await runner.run({ kind: 'workshop', jobs, now: Date.now() })
    return attachment(reply, stream, ContentType.zip, contentDisposition(workshop.title, 'zip'))
  })
}
