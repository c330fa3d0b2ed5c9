/**
 * Persistence port of board history: named versions (snapshots) of a board's content. The
 * state is opaque bytes here (see versionState.ts for what they hold).
 */

export const VersionReason = {
  /** "Save state" by the facilitator. */
  manual: 'manual',
  /** Taken when the facilitator changed the phase. */
  phase: 'phase',
  /** Taken when a voting round opened. */
  round: 'round',
  /** The board just before a restore: restoring this undoes the restore. */
  restore: 'restore',
  /** The board just before one tick deleted many idea cards. */
  massDelete: 'mass_delete',
} as const
export type VersionReason = (typeof VersionReason)[keyof typeof VersionReason]

export const VersionReasons = Object.values(VersionReason)

export interface BoardVersionRow {
  id: string
  boardId: string
  /** Given by the facilitator for manual versions; a plain description for automatic ones. */
  name: string
  reason: VersionReason
  createdAt: number
  /** Display name of whoever caused the version (saved, changed the phase, deleted …), if known. */
  createdBy: string | null
  /** Records in the version (cards, clusters, drawings, …). */
  recordCount: number
  /** Reason specifics the client words in its language, e.g. `{ phase }`, `{ roundId }`, `{ deletedCards }`. */
  detail: Record<string, unknown> | null
}

export interface BoardVersionStore {
  /**
   * Adds a version and, in the same transaction, drops the oldest automatic versions of the
   * board beyond `keepAutomatic`. Manual versions are never dropped.
   */
  addVersion(version: BoardVersionRow, state: Uint8Array, keepAutomatic: number): Promise<void>
  /** Versions of a board, newest first, without their states. */
  listVersions(boardId: string): Promise<BoardVersionRow[]>
  /** One version with its state; null when the board has no such version. */
  getVersion(boardId: string, versionId: string): Promise<{ version: BoardVersionRow; state: Uint8Array } | null>
  /** Replaces a version's content and author in place (removing a participant's name). */
  rewriteVersion(boardId: string, versionId: string, state: Uint8Array, createdBy: string | null): Promise<void>
}
