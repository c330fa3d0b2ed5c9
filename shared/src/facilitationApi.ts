import { z } from 'zod'
import { Limits } from './limits.ts'
import { BoardProjectorSection, BoardTimerSection, BoardViewSection, ProjectorMode } from './boardState.ts'

/** Request schemas and responses of the facilitation endpoints (timer, follow, bring everyone). */

export const FacilitationErrorCode = {
  /** pause: the timer is not counting down (none, paused, or run out). */
  timerNotRunning: 'timer_not_running',
  /** resume: the timer is not paused. */
  timerNotPaused: 'timer_not_paused',
  /** add: there is no timer to add time to. */
  noTimer: 'no_timer',
} as const
export type FacilitationErrorCode = (typeof FacilitationErrorCode)[keyof typeof FacilitationErrorCode]

/** Longest facilitation timer: a workshop day. */
export const TIMER_MAX_SECONDS = 12 * 60 * 60
/** What "add" adds when no `seconds` are given: one minute. */
export const TIMER_ADD_DEFAULT_SECONDS = 60

const seconds = z.int().min(1).max(TIMER_MAX_SECONDS)

/** `POST /api/boards/:boardId/timer` (facilitator). */
/**
 * Optional on every timer action: the same id sent again (a retry after a timeout) is applied
 * once — a retried "+1 minute" must not add two.
 */
const requestId = z.string().min(8).max(64).optional()

export const TimerActionBody = z.discriminatedUnion('action', [
  z.object({ action: z.literal('start'), seconds, requestId }).strict(),
  z.object({ action: z.literal('pause'), requestId }).strict(),
  z.object({ action: z.literal('resume'), requestId }).strict(),
  z.object({ action: z.literal('add'), seconds: seconds.optional(), requestId }).strict(),
  z.object({ action: z.literal('stop'), requestId }).strict(),
])
export type TimerActionBody = z.infer<typeof TimerActionBody>

export const TimerResponse = z.object({
  timer: BoardTimerSection.nullable(),
  /** The server's clock when it answered (ms). */
  serverNow: z.number(),
})
export type TimerResponse = z.infer<typeof TimerResponse>

/** Page coordinates are finite and bounded; tldraw pages never get near ±10⁷. */
const coordinate = z.number().min(-1e7).max(1e7)
const extent = z.number().positive().max(1e7)

export const Viewport = z.object({ x: coordinate, y: coordinate, w: extent, h: extent }).strict()
export type Viewport = z.infer<typeof Viewport>

const pageId = z
  .string()
  .regex(/^page:/)
  .max(200)

/**
 * `POST /api/boards/:boardId/view` (facilitator): "bring everyone to my view" once (`summon`),
 * start or update "follow me" (`follow`, sent again whenever the facilitator's view moves), or
 * end it (`unfollow`).
 */
export const ViewActionBody = z.discriminatedUnion('action', [
  z.object({ action: z.literal('summon'), pageId, viewport: Viewport }).strict(),
  z.object({ action: z.literal('follow'), pageId, viewport: Viewport }).strict(),
  z.object({ action: z.literal('unfollow') }).strict(),
])
export type ViewActionBody = z.infer<typeof ViewActionBody>

export const ViewResponse = z.object({
  follow: BoardViewSection.nullable(),
  summon: BoardViewSection.nullable(),
})
export type ViewResponse = z.infer<typeof ViewResponse>

/**
 * `GET /api/boards/:boardId/display` (anyone who may read the board, projector included): what a
 * big screen shows besides the canvas. The join code is on every printed table card anyway.
 */
export const BoardDisplayInfo = z.object({
  /** `number`: the table's number ("Tisch 3"), null for the plenary; absent from older servers. */
  board: z.object({
    id: z.string(),
    title: z.string(),
    question: z.string(),
    number: z.number().nullable().optional(),
  }),
  workshop: z.object({ id: z.string(), title: z.string(), joinCode: z.string() }),
  /** Where participants reach this server (PUBLIC_URL, else the address this request came to). */
  publicOrigin: z.string(),
})
export type BoardDisplayInfo = z.infer<typeof BoardDisplayInfo>

/** Most places a ranking on the big screen has (ties at the edge come along whole). */
export const PROJECTOR_MAX_PLACES = 200

/**
 * `POST /api/boards/:boardId/projector` (facilitator): what the big screen shows. `shownPlaces`
 * (results only) reveals the ranking step by step from the last place; omitted or null: all.
 * `step` (walkthrough only) is the table whose shortlist is on screen.
 */
export const ProjectorActionBody = z
  .object({
    mode: z.enum(ProjectorMode),
    shownPlaces: z.int().min(0).max(PROJECTOR_MAX_PLACES).nullable().optional(),
    /** Walkthrough only: the table on screen (0-based); omitted: the first. */
    step: z.int().min(0).max(Limits.boardsPerWorkshopMax).optional(),
  })
  .strict()
export type ProjectorActionBody = z.infer<typeof ProjectorActionBody>

export const ProjectorResponse = z.object({ projector: BoardProjectorSection })
export type ProjectorResponse = z.infer<typeof ProjectorResponse>
