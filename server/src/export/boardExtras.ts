import type { BoardExtras } from '../features/boardExtras.ts'

/**
 * Merges the features' parts of a board's report (`ServerFeature.boardExtras`, handed over
 * through the `BoardExtrasSources` hook): lists are concatenated in feature-list order, a
 * single value is the last part's that has one.
 */
export function mergeBoardExtras(parts: readonly BoardExtras[]): BoardExtras {
  const merged: BoardExtras = {}
  for (const part of parts) {
    if (part.rounds) merged.rounds = [...(merged.rounds ?? []), ...part.rounds]
    if (part.comments) merged.comments = [...(merged.comments ?? []), ...part.comments]
    if (part.shortlist) merged.shortlist = [...(merged.shortlist ?? []), ...part.shortlist]
    if (part.facilitator !== undefined) merged.facilitator = part.facilitator
    if (part.participantsCount !== undefined) merged.participantsCount = part.participantsCount
    if (part.hideAuthors !== undefined) merged.hideAuthors = part.hideAuthors
    if (part.rejectedCards !== undefined) merged.rejectedCards = part.rejectedCards
    if (part.documentMeta) merged.documentMeta = { ...merged.documentMeta, ...part.documentMeta }
    if (part.images) merged.images = [...(merged.images ?? []), ...part.images]
  }
  return merged
}
