import type * as Y from 'yjs'

/*
 * What a feature adds to a board's export: data the server keeps in the database beside the
 * board document (voting its rounds and shortlist, moderation its count of rejected cards,
 * history its versions, the uploaded pictures of a backup).
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
  /** Server-side facts for the JSON backup's `meta.document` (history's versions); merged by key. */
  documentMeta?: Record<string, unknown>
  /** Uploaded pictures with their bytes, for a backup only (`ExportedBoard.backup`). */
  images?: readonly BackupImage[]
}

/** A picture in a board backup: its id on the board, type and bytes as base64. */
export interface BackupImage {
  id: string
  mimeType: string
  data: string
}

/** The board being exported. */
export interface ExportedBoard {
  id: string
  workshopId: string
  /** The workshop's language (names of versions are worded in it). */
  language: string
  /** A backup is being built (JSON, workshop ZIP): parts only a backup carries are wanted. */
  backup: boolean
}

/** A feature's part, bound to its context and service (what the export calls). */
export type BoardExtrasSource = (board: ExportedBoard) => Promise<BoardExtras>

/**
 * A feature's part read from the board document itself (comments on the cards), in the same
 * synchronous step as the records, so the report shows one state of the document.
 */
export interface BoardDocumentPart {
  /** For the report. */
  comments?: readonly CommentInput[]
  /** For the JSON backup's `document.comments`: the entries as the document holds them. */
  backupComments?: readonly unknown[]
}

/** Reads a feature's part of the document; `records` are the records being exported. */
export type BoardDocumentReader = (doc: Y.Doc, records: readonly unknown[]) => BoardDocumentPart
