import { z } from 'zod'
import type { BoardReport } from './BoardReport.ts'

export const BOARD_EXPORT_FORMAT = 'pinnwand-board' as const
export const BOARD_EXPORT_VERSION = 1 as const

/**
 * A complete board backup: the document's records and schema (enough to rebuild the canvas)
 * plus the report model (clusters, comments, rounds with results, shortlist) that lives in the
 * database. Import reads `document`; `report` carries what is not in the document.
 */
export interface BoardExport {
  format: typeof BOARD_EXPORT_FORMAT
  version: typeof BOARD_EXPORT_VERSION
  exportedAt: string
  app: { name: 'pinnwand'; version: string }
  meta: {
    workshop: BoardReport['workshop']
    board: BoardReport['board']
    /** Server-side document metadata (snapshot/update-log state) at export time. */
    document: Record<string, unknown>
  }
  document: {
    /** The serialized tldraw schema the records conform to (migrations run on import). */
    schema: unknown
    records: unknown[]
    /** Comments on idea cards (the document's `comments` map; optional in older exports). */
    comments?: unknown[]
    /**
     * Pictures uploaded to the board, their bytes as base64 (`{ id, mimeType, data }`; optional
     * in older exports). An import stores them on the new board and points the records there.
     */
    images?: unknown[]
  }
  report: Omit<BoardReport, 'drawing'>
}

export interface BoardExportInput {
  report: BoardReport
  records: readonly unknown[]
  comments?: readonly unknown[]
  schema: unknown
  appVersion: string
  documentMeta?: Record<string, unknown>
  images?: readonly unknown[]
}

/**
 * Record types that describe people, not the board: tldraw's `user:<participantId>` record
 * (name, colour) of everyone whose browser wrote one. They are not content, and a backup that
 * kept them would name everyone who was at the table after an anonymous reveal (decision 33).
 */
const PERSON_RECORD_TYPES: ReadonlySet<string> = new Set(['user'])

/** Whether a document record describes a person (never exported, never imported). */
export function isPersonRecord(record: unknown): boolean {
  const typeName = (record as { typeName?: unknown } | null)?.typeName
  return typeof typeName === 'string' && PERSON_RECORD_TYPES.has(typeName)
}

export function buildBoardExport(input: BoardExportInput): BoardExport {
  // The drawing is derived from the records; storing it twice would only invite disagreement.
  const { drawing: _drawing, ...report } = input.report
  return {
    format: BOARD_EXPORT_FORMAT,
    version: BOARD_EXPORT_VERSION,
    exportedAt: new Date(input.report.generatedAt).toISOString(),
    app: { name: 'pinnwand', version: input.appVersion },
    meta: { workshop: report.workshop, board: report.board, document: input.documentMeta ?? {} },
    document: {
      schema: input.schema,
      records: input.records.filter((record) => !isPersonRecord(record)),
      comments: [...(input.comments ?? [])],
      ...(input.images && input.images.length > 0 ? { images: [...input.images] } : {}),
    },
    report,
  }
}

export function buildBoardJson(input: BoardExportInput): string {
  return JSON.stringify(buildBoardExport(input), null, 2) + '\n'
}

const Idea = z.object({
  id: z.string(),
  text: z.string(),
  author: z.string().nullable(),
  createdAt: z.number(),
  comments: z.array(z.object({ author: z.string().nullable(), text: z.string(), createdAt: z.number() })),
  votesByRound: z.record(z.string(), z.number().int().min(0)),
  shortlisted: z.boolean(),
})

const Round = z.object({
  id: z.string(),
  index: z.number().int().min(1),
  settings: z.object({
    dotsPerParticipant: z.number().int().min(0),
    maxPerIdea: z.number().int().nullable(),
    anonymous: z.boolean(),
    eligibleIdeaIds: z.array(z.string()).nullable(),
  }),
  status: z.enum(['open', 'closed', 'revealed']),
  voters: z.number().int().min(0),
  totalVotes: z.number().int().min(0),
  ranking: z.array(
    z.object({
      ideaId: z.string(),
      text: z.string(),
      votes: z.number().int().min(0),
      rank: z.number().int().min(1),
      proxyVotes: z.number().int().min(0).optional(),
    }),
  ),
})

const Record_ = z.looseObject({ id: z.string().min(1), typeName: z.string().min(1) })

const BoardExportSchema = z.object({
  format: z.literal(BOARD_EXPORT_FORMAT),
  version: z.literal(BOARD_EXPORT_VERSION),
  exportedAt: z.string(),
  app: z.looseObject({ name: z.literal('pinnwand'), version: z.string() }),
  meta: z.object({
    workshop: z.object({
      id: z.string(),
      title: z.string(),
      date: z.string().nullable(),
      language: z.enum(['de', 'en']),
    }),
    board: z.object({ id: z.string(), title: z.string(), question: z.string(), facilitator: z.string().nullable() }),
    document: z.record(z.string(), z.unknown()),
  }),
  document: z.object({
    schema: z.looseObject({ schemaVersion: z.number() }),
    records: z.array(Record_),
    // Checked one by one on import (importBoard.ts), so the message can name the comment.
    comments: z.array(z.unknown()).optional(),
    // Checked one by one on import (assets/boardImages.ts), like an upload.
    images: z.array(z.unknown()).optional(),
  }),
  report: z.object({
    workshop: z.looseObject({}),
    board: z.looseObject({}),
    participantsCount: z.number().int().min(0),
    generatedAt: z.number(),
    clusters: z.array(z.object({ id: z.string(), title: z.string(), color: z.string(), ideas: z.array(Idea) })),
    unclusteredIdeas: z.array(Idea),
    rounds: z.array(Round),
    shortlist: z.array(z.string()),
  }),
})

/** Why a file is not a board export; the message is meant for the person who uploaded it. */
export class BoardExportError extends Error {
  readonly problems: { path: string; message: string }[]
  constructor(message: string, problems: { path: string; message: string }[] = []) {
    super(message)
    this.name = 'BoardExportError'
    this.problems = problems
  }
}

/**
 * Checks an uploaded file (text or already parsed JSON) and returns the typed export.
 * Throws BoardExportError for anything else: not JSON, another program's file, a newer
 * format version, or a damaged export (records without ids, missing sections).
 */
export function parseBoardExport(input: string | unknown): BoardExport {
  let data: unknown = input
  if (typeof input === 'string') {
    try {
      data = JSON.parse(input)
    } catch {
      throw new BoardExportError('The file is not valid JSON (it may be damaged or cut off).')
    }
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new BoardExportError('The file is not a Pinnwand board export.')
  }
  const head = data as { format?: unknown; version?: unknown }
  if (head.format !== BOARD_EXPORT_FORMAT) {
    throw new BoardExportError('The file is not a Pinnwand board export (its "format" is not "pinnwand-board").')
  }
  if (typeof head.version === 'number' && head.version > BOARD_EXPORT_VERSION) {
    throw new BoardExportError(
      `The file was exported by a newer Pinnwand (format version ${head.version}); this server reads version ${BOARD_EXPORT_VERSION}.`,
    )
  }
  const result = BoardExportSchema.safeParse(data)
  if (!result.success) {
    const problems = result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))
    const first = problems.slice(0, 3).map((p) => `${p.path || '(root)'}: ${p.message}`)
    throw new BoardExportError(`The board export is damaged: ${first.join('; ')}.`, problems)
  }
  const ids = new Set<string>()
  for (const record of result.data.document.records) {
    if (ids.has(record.id))
      throw new BoardExportError(`The board export is damaged: record ${record.id} appears twice.`)
    ids.add(record.id)
  }
  return result.data as unknown as BoardExport
}
