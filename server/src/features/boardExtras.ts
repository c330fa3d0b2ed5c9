/*
 * What a feature adds to a board's report: data the server keeps in the database beside the
 * board document (voting its rounds and shortlist, moderation its count of rejected cards).
 * A feature declares its part as `ServerFeature.boardExtras`; createServer hands every part to
 * the export through the `BoardExtrasSources` hook, so the export names no feature. The shapes
 * live here, with the seam, and the report model (export/BoardReport.ts) takes them as they are.
 */

export interface RoundSettings {
  dotsPerParticipant: number
  /** null: no cap besides the budget. */
  maxPerIdea: number | null
  anonymous: boolean
  /** null: every idea on the board was eligible. */
  eligibleIdeaIds: string[] | null
}

/** A voting round as the voting feature knows it: settings, status and dots per idea. */
export interface RoundInput {
  id: string
  /** Rounds are ordered by this (epoch ms). */
  openedAt: number
  settings: RoundSettings
  status: 'open' | 'closed' | 'revealed'
  voters: number
  /** Dots per idea id. Ideas whose card was deleted keep their dots; `ideaTexts` names them. */
  votesByIdea: Record<string, number>
  /** Texts of ideas that are no longer on the board (their card was deleted after voting). */
  ideaTexts?: Record<string, string>
  /** Of `votesByIdea`, the proxy votes per idea (only ideas that have some). */
  proxyVotesByIdea?: Record<string, number>
}

export interface CommentInput {
  ideaId: string
  author: string | null
  /** Who wrote it, when known: the facilitator's stored name is then worded by role. */
  authorId?: string | null
  text: string
  createdAt: number
}

/** One feature's part of a board's report; lists of several features are concatenated. */
export interface BoardExtras {
  rounds?: readonly RoundInput[]
  comments?: readonly CommentInput[]
  /** Idea ids in shortlist order. */
  shortlist?: readonly string[]
  facilitator?: string | null
  participantsCount?: number
  hideAuthors?: boolean
  /** Cards rejected in the moderation inbox (the count only). */
  rejectedCards?: number
}

/** The board being exported. */
export interface ExportedBoard {
  id: string
  workshopId: string
}

/** A feature's part, bound to its context and service (what the export calls). */
export type BoardExtrasSource = (board: ExportedBoard) => Promise<BoardExtras>
