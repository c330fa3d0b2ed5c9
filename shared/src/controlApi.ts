import { z } from 'zod'
import { type BoardKind, boardKindOf } from './api.ts'
import type { BoardPhase, BoardTimerSection } from './boardState.ts'
import { TimerActionBody } from './facilitationApi.ts'
import { CreateRoundBody, type RoundStatusDto } from './votingApi.ts'

/**
 * The control room (issue 16): every table of a workshop at a glance, and one request that acts
 * on many tables at once. `GET /api/workshops/:id/status` answers once;
 * `GET /api/workshops/:id/status/stream` sends the same body as server-sent events whenever it
 * changes (on any instance: it is read from the shared database and the relay's counts).
 */

/** A table counts as idle after this long without a change while people collect ideas. */
export const IDLE_WARNING_MS = 5 * 60 * 1000

/** The round of a table as the control room shows it (no distribution, ever). */
export interface TableRoundStatus {
  id: string
  status: RoundStatusDto
  dotsPerParticipant: number
  /** Dots placed in this round. */
  totalVotes: number
  /** People with at least one dot placed. */
  voters: number
  /** People whose whole budget is placed. */
  done: number
  closesAt: number | null
  pausedRemainingMs: number | null
  /**
   * Named rounds, while open: the people at this table (seated) whose budget is not yet spent,
   * by name, for the facilitator. Absent in anonymous rounds (there only counts are shown).
   */
  notDone?: string[]
}

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

export interface TableStatus {
  id: string
  /** 1…N in the order of the tables ("Tisch 3"); null for the plenary. */
  number: number | null
  kind: BoardKind
  title: string
  phase: BoardPhase
  locked: boolean
  /** Participants with the board open now (all instances). */
  present: number
  seated: number
  maxParticipants: number | null
  ideas: number
  lastActivity: number | null
  /** The open round, or the latest one; null before the first. */
  round: TableRoundStatus | null
  timer: BoardTimerSection | null
  /** Collecting, and nothing changed for IDLE_WARNING_MS. */
  idle: boolean
  /** While collecting: participants who said "Ich bin fertig"; null in other phases. */
  finished: number | null
}

export interface WorkshopStatusResponse {
  workshopId: string
  /** The server's clock (ms): clients compute time left against it. */
  serverNow: number
  tables: TableStatus[]
}

/**
 * `PUT /api/boards/:boardId/done` (participant): "Ich bin fertig" — done collecting (phase
 * collect) or done voting in the open round; `done: false` takes it back. `GET` answers whether
 * the caller is done with the current task.
 */
export const DoneBody = z.object({ done: z.boolean() }).strict()
export type DoneBody = z.infer<typeof DoneBody>

export interface DoneResponse {
  done: boolean
  /** What one is done with: `collect` or `round:<id>`; null when the board asks nothing now. */
  context: string | null
}

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
export interface BoardMessageSection {
  /** New for every message: a device that closed one shows the next. */
  id: string
  text: string
  /** The plenary board to go to ("Zum Plenum"); null: just the text. */
  plenaryBoardId: string | null
  /** Server time it was sent. */
  at: number
}

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

export interface BulkTableResult {
  boardId: string
  ok: boolean
  /** HTTP status of the table's own request (200/201 when taken; 4xx/5xx when refused). */
  status: number
  /** Why a table refused, as its own endpoint said it. */
  error?: { code: string; message: string }
  /** Taken by an earlier request with the same request id; not applied again. */
  repeated?: boolean
}

export interface BulkActionResponse {
  requestId: string
  results: BulkTableResult[]
}
