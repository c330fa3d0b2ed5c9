import { z } from 'zod'

/**
 * Server-owned board state (lock, phase, voting round progress, timer). It never lives in the
 * board document: the server sends it as JSON on the board's WebSocket, as y-websocket message
 * type BOARD_STATE_MESSAGE, to clients that ask for it with `?state=1`. Plain Yjs clients that
 * don't ask never see the extra message type.
 */
export const BOARD_STATE_MESSAGE = 100
export const BOARD_STATE_PARAM = 'state'

export const BoardPhase = { collect: 'collect', cluster: 'cluster', vote: 'vote', results: 'results' } as const
export type BoardPhase = (typeof BoardPhase)[keyof typeof BoardPhase]

/**
 * The facilitation timer ("10 minutes to collect"), independent of voting rounds. Times are on
 * the server's clock: a client computes what is left as `endsAt - (Date.now() + offset)`, with
 * `offset = serverNow - Date.now()` taken when the message arrived.
 */
export const BoardTimerSection = z.object({
  /** Counting down (false: paused). A running timer past `endsAt` has run out. */
  running: z.boolean(),
  /** When it reaches zero (server clock, ms); set while running. */
  endsAt: z.number().nullable(),
  /** What is left (ms); set while paused. */
  remainingMs: z.number().nullable(),
  /** Length as started plus added time (ms), e.g. for a progress bar. */
  durationMs: z.number(),
})
export type BoardTimerSection = z.infer<typeof BoardTimerSection>

/** A facilitator's viewport (page coordinates), as sent with "follow me" and "bring everyone". */
export const BoardViewSection = z.object({
  userId: z.string(),
  name: z.string(),
  /** Server time when it was set ("follow me": of the latest move; "bring everyone": of the command). */
  at: z.number(),
  /** Server time the facilitator said "follow me" (unchanged while the view moves) or "bring everyone". */
  since: z.number(),
  pageId: z.string(),
  viewport: z.object({ x: z.number(), y: z.number(), w: z.number(), h: z.number() }),
})
export type BoardViewSection = z.infer<typeof BoardViewSection>

/**
 * What the big screen shows full screen (issue 14), chosen by the facilitator from the board and
 * by keys on the projector machine: the board (or its ideas as big cards), the countdown, the
 * ranking of the latest revealed round, the way to join, or — on the plenary — the walkthrough
 * of the tables' shortlists, one table per screen.
 */
export const ProjectorMode = {
  board: 'board',
  countdown: 'countdown',
  results: 'results',
  join: 'join',
  walkthrough: 'walkthrough',
} as const
export type ProjectorMode = (typeof ProjectorMode)[keyof typeof ProjectorMode]

/** The projector's mode as the facilitator set it last. */
export const BoardProjectorSection = z.object({
  mode: z.enum(ProjectorMode),
  /**
   * Results: how many places of the ranking are shown, counted from the last place up (the
   * winner comes last); null shows all at once.
   */
  shownPlaces: z.number().nullable(),
  /** Walkthrough: which table's shortlist is on screen (0-based, in table order); absent: the first. */
  step: z.number().optional(),
  /** Server time it was set: a projector that changed mode by key follows the next change again. */
  at: z.number(),
})
export type BoardProjectorSection = z.infer<typeof BoardProjectorSection>

/** "Tisch 3": the table's number in the workshop (null for the plenary). */
export interface BoardTableSection {
  number: number | null
}

export interface BoardStateMessage {
  locked: boolean
  phase: BoardPhase
  /** The server's clock when this message was sent (ms), so clients can correct their own. */
  serverNow?: number
  /** The facilitation timer; null or absent when none runs. */
  timer?: BoardTimerSection | null
  /** Set while the facilitator says "follow me": everyone's camera follows this view. */
  follow?: BoardViewSection | null
  /** The latest "bring everyone to my view": every camera jumps there once (`at` tells new from old). */
  summon?: BoardViewSection | null
  /** What the projector shows; absent or null: the board. */
  projector?: BoardProjectorSection | null
  /**
   * 'unavailable' while the server cannot store this board's changes (its database is down):
   * edits are kept and retried but not yet saved, and nobody else sees them until they are.
   */
  storage?: 'ok' | 'unavailable'
  /**
   * Set while the board is crowded (crowd presence, issue 18): the server then sends each client
   * only a few people's cursors, and this is how many people are here. Absent or null: every
   * client sees everyone's presence.
   */
  crowd?: { people: number } | null
  /**
   * The table's number after the organiser changed it while the board was open (a swap changes
   * two tables). Absent: the number the page loaded with still holds.
   */
  table?: BoardTableSection | null
  /** Further server-owned sections (voting round progress) are added by their features. */
  [section: string]: unknown
}
