import type { RankingEntryDto } from '@pinnwand/shared/votingApi'

/** A Stichwahl: the ideas tied across the shortlist cut-off, and how many of them get a place. */
export interface RunOff {
  ideaIds: string[]
  /** Places left below the cut-off for the tied ideas (= dots per person in the run-off). */
  places: number
}

/**
 * When a tie straddles the cut-off of the top `n` (places 1, 2, 3, 3 for a top 3), the ideas
 * sharing the last place inside it — a run-off among exactly those decides who gets the places
 * left. Null when the top `n` are clear.
 */
export function runOffFor(ranking: readonly RankingEntryDto[], n: number): RunOff | null {
  const inside = ranking.filter((e) => e.votes > 0 && e.rank <= n)
  if (inside.length <= n) return null
  const lastRank = Math.max(...inside.map((e) => e.rank))
  const tied = inside.filter((e) => e.rank === lastRank)
  const above = inside.length - tied.length
  if (tied.length < 2) return null
  return { ideaIds: tied.map((e) => e.ideaId), places: n - above }
}
