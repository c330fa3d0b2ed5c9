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

export const BoardVersionDto = z.object({
  id: z.string(),
  /** The facilitator's name for manual versions; a plain English description otherwise. */
  name: z.string(),
  reason: z.enum(VersionReasonDto),
  /** Epoch ms. */
  createdAt: z.int(),
  /** Who caused it (saved it, changed the phase, deleted the cards …), when known. */
  createdBy: z.string().nullable(),
  recordCount: z.int(),
  /** Idea cards in the version. */
  ideaCount: z.int().nullable(),
  /**
   * Reason specifics for wording in the UI's language: `phase` (phase), `roundId` (round),
   * `restoredVersionId`/`restoredName` (restore), `deletedCards` (mass_delete).
   */
  detail: z.record(z.string(), z.unknown()),
})
export type BoardVersionDto = z.infer<typeof BoardVersionDto>

/** An automatic version that could not be saved (the store refused it); shown in the history panel. */
export const VersionFailureDto = z.object({
  reason: z.enum(VersionReasonDto),
  /** Epoch ms. */
  at: z.int(),
  message: z.string(),
})
export type VersionFailureDto = z.infer<typeof VersionFailureDto>

/** GET /api/boards/:boardId/versions: newest first. */
export const VersionListResponse = z.object({
  versions: z.array(BoardVersionDto),
  /** How many automatic versions a board keeps (manual ones are all kept). */
  keepAutomatic: z.int(),
  /**
   * The last automatic version of this board that failed since this server started, until a
   * later version is saved; absent otherwise (older servers never send it).
   */
  automaticFailure: VersionFailureDto.optional(),
})
export type VersionListResponse = z.infer<typeof VersionListResponse>

export const SaveVersionBody = z.object({ name: z.string().trim().min(1).max(Limits.titleMax) }).strict()
export type SaveVersionBody = z.infer<typeof SaveVersionBody>

export const SaveVersionResponse = z.object({ version: BoardVersionDto })
export type SaveVersionResponse = z.infer<typeof SaveVersionResponse>

export const RestoreVersionResponse = z.object({
  /** The version the board now shows again. */
  restoredVersionId: z.string(),
  /**
   * The board as it was just before the restore, saved as a version: restoring it undoes the
   * restore. null when the board already equalled the version (nothing changed).
   */
  beforeVersionId: z.string().nullable(),
  /** Records and other entries written or removed. */
  changes: z.int(),
})
export type RestoreVersionResponse = z.infer<typeof RestoreVersionResponse>
