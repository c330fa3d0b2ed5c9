import type { RankingEntryDto } from '@pinnwand/shared/votingApi'

export interface RankingRow {
  ideaId: string
  text: string
  votes: number
  rank: number
  /** Shares its rank with another idea: shown as a tie, never silently ordered. */
  tied: boolean
  /** votes / most votes, 0…1, for the bar. */
  share: number
  /** When it appears in the reveal animation: 0 first. The winner comes last. */
  revealOrder: number
}

/**
 * The rows of the projector's ranking: the top `limit` places (a tie at the edge comes along
 * whole, so nobody with the same votes as a shown idea is left out), revealed from the bottom up.
 */
export function rankingRows(ranking: RankingEntryDto[], limit: number): RankingRow[] {
  const sorted = [...ranking].sort((a, b) => a.rank - b.rank || b.votes - a.votes)
  const lastRank = sorted[Math.min(limit, sorted.length) - 1]?.rank
  const shown = lastRank === undefined ? [] : sorted.filter((entry) => entry.rank <= lastRank)
  const most = Math.max(1, ...shown.map((entry) => entry.votes))
  const perRank = new Map<number, number>()
  for (const entry of shown) perRank.set(entry.rank, (perRank.get(entry.rank) ?? 0) + 1)
  // Whole places appear together: a tie is revealed as one step.
  const ranks = [...perRank.keys()].sort((a, b) => b - a)
  return shown.map((entry) => ({
    ideaId: entry.ideaId,
    text: entry.text,
    votes: entry.votes,
    rank: entry.rank,
    tied: (perRank.get(entry.rank) ?? 0) > 1,
    share: entry.votes / most,
    revealOrder: ranks.indexOf(entry.rank),
  }))
}
