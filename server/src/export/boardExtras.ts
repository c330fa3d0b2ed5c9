import type { BoardReportInput } from './BoardReport.ts'

/**
 * What a board's report needs besides its document: data the server keeps in the database.
 * Each feature supplies its part through `BoardExtrasSource`: voting its rounds with the dots
 * per idea, comments their comments, the shortlist its order, participant handling the count
 * and the facilitator's name. Sources are registered once at start-up (registerBoardExtras).
 */
export type BoardExtras = Pick<
  BoardReportInput,
  'rounds' | 'comments' | 'shortlist' | 'facilitator' | 'participantsCount' | 'hideAuthors'
>

export type BoardExtrasSource = (board: { id: string; workshopId: string }) => Promise<BoardExtras>

const sources: BoardExtrasSource[] = []

/** Adds a source; returns a function that removes it again (tests). */
export function registerBoardExtras(source: BoardExtrasSource): () => void {
  sources.push(source)
  return () => {
    const index = sources.indexOf(source)
    if (index >= 0) sources.splice(index, 1)
  }
}

/** Merges what every registered source knows about the board; lists are concatenated. */
export async function loadBoardExtras(board: { id: string; workshopId: string }): Promise<BoardExtras> {
  const merged: BoardExtras = {}
  for (const part of await Promise.all(sources.map((source) => source(board)))) {
    if (part.rounds) merged.rounds = [...(merged.rounds ?? []), ...part.rounds]
    if (part.comments) merged.comments = [...(merged.comments ?? []), ...part.comments]
    if (part.shortlist) merged.shortlist = [...(merged.shortlist ?? []), ...part.shortlist]
    if (part.facilitator !== undefined) merged.facilitator = part.facilitator
    if (part.participantsCount !== undefined) merged.participantsCount = part.participantsCount
    if (part.hideAuthors !== undefined) merged.hideAuthors = part.hideAuthors
  }
  return merged
}
