import { z } from 'zod'
import { BoardKind, boardKindOf } from './api.ts'
import { BoardPhase, BoardTimerSection } from './boardState.ts'
import { TimerActionBody } from './facilitationApi.ts'
import { CreateRoundBody, RoundStatusDto } from './votingApi.ts'

/**
 * The control room (issue 16): every table of a workshop at a glance, and one request that acts
 * on many tables at once. `GET /api/workshops/:id/status` answers once;
 * `GET /api/workshops/:id/status/stream` sends the same body as server-sent events whenever it
 * changes (on any instance: it is read from the shared database and the relay's counts).
 */

/** A table counts as idle after this long without a change while people collect ideas. */
export const IDLE_WARNING_MS = 5 * 60 * 1000

/** The round of a table as the control room shows it (no distribution, ever). */
export const TableRoundStatus = z.object({
  id: z.string(),
  status: RoundStatusDto,
  dotsPerParticipant: z.number(),
  /** Dots placed in this round. */
  totalVotes: z.number(),
  /** People with at least one dot placed. */
  voters: z.number(),
  /** People whose whole budget is placed. */
  done: z.number(),
  closesAt: z.number().nullable(),
  pausedRemainingMs: z.number().nullable(),
  /**
   * Named rounds, while open: the people at this table (seated) whose budget is not yet spent,
   * by name, for the facilitator. Absent in anonymous rounds (there only counts are shown).
   */
  notDone: z.array(z.string()).optional(),
})
export type TableRoundStatus = z.infer<typeof TableRoundStatus>

/**
 * Table numbers ("Tisch 3"): 1…N over the tables in their order; the plenary has none. Every
 * place that names a table (board header, join sheet, control room) numbers it this way.
 */
export function tableNumbers(
  boards: readonly { id: string; kind?: BoardKind | undefined; template?: string | undefined }[],
): Map<string, number> {
  const numbers = new Map<string, number>()
  for (const board of boards) if (boardKindOf(board) === 'table') numbers.set(board.id, numbers.size + 1)
  return numbers
}

export const TableStatus = z.object({
  id: z.string(),
  /** 1…N in the order of the tables ("Tisch 3"); null for the plenary. */
  number: z.number().nullable(),
  kind: BoardKind,
  title: z.string(),
  phase: z.enum(BoardPhase),
  locked: z.boolean(),
  /** Participants with the board open now (all instances). */
  present: z.number(),
  seated: z.number(),
  maxParticipants: z.number().nullable(),
  ideas: z.number(),
  lastActivity: z.number().nullable(),
  /** The open round, or the latest one; null before the first. */
  round: TableRoundStatus.nullable(),
  timer: BoardTimerSection.nullable(),
  /** Collecting, and nothing changed for IDLE_WARNING_MS. */
  idle: z.boolean(),
  /** While collecting: participants who said "Ich bin fertig"; null in other phases. */
  finished: z.number().nullable(),
})
export type TableStatus = z.infer<typeof TableStatus>

/** `GET /api/workshops/:workshopId/status`, and each event of its stream. */
export const WorkshopStatusResponse = z.object({
  workshopId: z.string(),
  /** The server's clock (ms): clients compute time left against it. */
  serverNow: z.number(),
  tables: z.array(TableStatus),
})
export type WorkshopStatusResponse = z.infer<typeof WorkshopStatusResponse>

/**
 * `PUT /api/boards/:boardId/done` (participant): "Ich bin fertig" — done collecting (phase
 * collect) or done voting in the open round; `done: false` takes it back. `GET` answers whether
 * the caller is done with the current task.
 */
export const DoneBody = z.object({ done: z.boolean() }).strict()
export type DoneBody = z.infer<typeof DoneBody>

export const DoneResponse = z.object({
  done: z.boolean(),
  /** What one is done with: `collect` or `round:<id>`; null when the board asks nothing now. */
  context: z.string().nullable(),
})
export type DoneResponse = z.infer<typeof DoneResponse>

/** Longest message to every device of a table ("Noch 5 Minuten, dann Plenum"). */
export const BOARD_MESSAGE_MAX = 200

/**
 * `POST /api/boards/:boardId/message` (facilitator): a short message on every participant device
 * and projector of the board; `toPlenary` adds a link to the workshop's plenary ("bring everyone
 * to the plenary"). An empty text without `toPlenary` takes the message down.
 */
export const BoardMessageBody = z
  .object({
    text: z.string().trim().max(BOARD_MESSAGE_MAX),
    toPlenary: z.boolean().optional(),
  })
  .strict()
export type BoardMessageBody = z.infer<typeof BoardMessageBody>

/** The board-state section `message`: what every device of the board shows until taken down. */
export const BoardMessageSection = z.object({
  /** New for every message: a device that closed one shows the next. */
  id: z.string(),
  text: z.string(),
  /** The plenary board to go to ("Zum Plenum"); null: just the text. */
  plenaryBoardId: z.string().nullable(),
  /** Server time it was sent. */
  at: z.number(),
})
export type BoardMessageSection = z.infer<typeof BoardMessageSection>

/** What sending a message answers: the section every device now shows (null: taken down). */
export const BoardMessageResponse = z.object({ message: BoardMessageSection.nullable() })
export type BoardMessageResponse = z.infer<typeof BoardMessageResponse>

/** What one bulk request does on every chosen table (each through the table's own rules). */
export const BulkAction = z.discriminatedUnion('type', [
  z.object({ type: z.literal('phase'), phase: z.enum(['collect', 'cluster', 'vote', 'results']) }).strict(),
  z.object({ type: z.literal('lock'), locked: z.boolean() }).strict(),
  z.object({ type: z.literal('openRound'), round: CreateRoundBody }).strict(),
  z.object({ type: z.literal('closeRound') }).strict(),
  z.object({ type: z.literal('revealRound') }).strict(),
  z.object({ type: z.literal('timer'), timer: TimerActionBody }).strict(),
  z.object({ type: z.literal('message'), message: BoardMessageBody }).strict(),
  z.object({ type: z.literal('privatePhase'), facilitatorSeesTexts: z.boolean() }).strict(),
  z.object({ type: z.literal('revealPrivate'), anonymous: z.boolean() }).strict(),
  /** The moderation inbox on or off (`PATCH /api/boards/:boardId` with `moderation`). */
  z.object({ type: z.literal('moderation'), on: z.boolean() }).strict(),
])
export type BulkAction = z.infer<typeof BulkAction>
export type BulkActionType = BulkAction['type']

export const BULK_TABLES_MAX = 200

export const BulkActionBody = z
  .object({
    action: BulkAction,
    /** The boards to act on; absent: every table of the workshop (not the plenary). */
    boardIds: z.array(z.string().min(1).max(100)).min(1).max(BULK_TABLES_MAX).optional(),
    /** The same id sent again (a retry) acts only on tables that did not take it yet. */
    requestId: z.string().min(8).max(64),
  })
  .strict()
export type BulkActionBody = z.infer<typeof BulkActionBody>

export const BulkTableResult = z.object({
  boardId: z.string(),
  ok: z.boolean(),
  /** HTTP status of the table's own request (200/201 when taken; 4xx/5xx when refused). */
  status: z.number(),
  /** Why a table refused, as its own endpoint said it. */
  error: z.object({ code: z.string(), message: z.string() }).optional(),
  /** Taken by an earlier request with the same request id; not applied again. */
  repeated: z.boolean().optional(),
})
export type BulkTableResult = z.infer<typeof BulkTableResult>

export const BulkActionResponse = z.object({
  requestId: z.string(),
  results: z.array(BulkTableResult),
})
export type BulkActionResponse = z.infer<typeof BulkActionResponse>

/** `POST /api/workshops/:workshopId/projector-token`: a read-only link for every table's screen. */
export const WorkshopProjectorTokenResponse = z.object({ projectorToken: z.string() })
export type WorkshopProjectorTokenResponse = z.infer<typeof WorkshopProjectorTokenResponse>
