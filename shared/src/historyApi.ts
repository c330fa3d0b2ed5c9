import { z } from 'zod'
import { Limits } from './limits.ts'

/**
 * Board history (issue 4): named versions of a board, taken automatically (phase change, voting
 * round opened, before a restore, before a mass delete) or saved by the facilitator; previewed
 * as a picture; restored as a new state of the live board, which is itself undoable.
 */

export const HistoryErrorCode = {
  versionNotFound: 'version_not_found',
  /** The stored version cannot be read or migrated to this server's schema. */
  versionUnreadable: 'version_unreadable',
} as const

export const VersionReasonDto = ['manual', 'phase', 'round', 'restore', 'mass_delete'] as const
export type VersionReasonDto = (typeof VersionReasonDto)[number]

export interface BoardVersionDto {
  id: string
  /** The facilitator's name for manual versions; a plain English description otherwise. */
  name: string
  reason: VersionReasonDto
  /** Epoch ms. */
  createdAt: number
  /** Who caused it (saved it, changed the phase, deleted the cards …), when known. */
  createdBy: string | null
  recordCount: number
  /** Idea cards in the version. */
  ideaCount: number | null
  /**
   * Reason specifics for wording in the UI's language: `phase` (phase), `roundId` (round),
   * `restoredVersionId`/`restoredName` (restore), `deletedCards` (mass_delete).
   */
  detail: Record<string, unknown>
}

/** An automatic version that could not be saved (the store refused it); shown in the history panel. */
export interface VersionFailureDto {
  reason: VersionReasonDto
  /** Epoch ms. */
  at: number
  message: string
}

export interface VersionListResponse {
  versions: BoardVersionDto[]
  /** How many automatic versions a board keeps (manual ones are all kept). */
  keepAutomatic: number
  /**
   * The last automatic version of this board that failed since this server started, until a
   * later version is saved; absent otherwise (older servers never send it).
   */
  automaticFailure?: VersionFailureDto
}

export const SaveVersionBody = z.object({ name: z.string().trim().min(1).max(Limits.titleMax) }).strict()
export type SaveVersionBody = z.infer<typeof SaveVersionBody>

export interface SaveVersionResponse {
  version: BoardVersionDto
}

export interface RestoreVersionResponse {
  /** The version the board now shows again. */
  restoredVersionId: string
  /**
   * The board as it was just before the restore, saved as a version: restoring it undoes the
   * restore. null when the board already equalled the version (nothing changed).
   */
  beforeVersionId: string | null
  /** Records and other entries written or removed. */
  changes: number
}
