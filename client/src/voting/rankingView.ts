import type { RankingEntryDto } from '@pinnwand/shared/votingApi'

export interface RankingRow extends RankingEntryDto {
  /** Another idea has the same number of dots (so the same rank). */
  tied: boolean
}

/**
 * The ranking as the panel lists it: ideas with dots, each marked when it shares its rank with
 * another (ties are shown as ties, not broken by board order), and the ideas that got none.
 */
export function rankingRows(ranking: readonly RankingEntryDto[]): {
  voted: RankingRow[]
  withoutDots: RankingEntryDto[]
} {
  const perRank = new Map<number, number>()
  for (const entry of ranking) perRank.set(entry.rank, (perRank.get(entry.rank) ?? 0) + 1)
  return {
    voted: ranking.filter((e) => e.votes > 0).map((e) => ({ ...e, tied: (perRank.get(e.rank) ?? 0) > 1 })),
    withoutDots: ranking.filter((e) => e.votes === 0),
  }
}

/** Ideas of the top `n` ranks with dots, ties at the boundary included (as the server promotes). */
export function topRanked(ranking: readonly RankingEntryDto[], n: number): string[] {
  return ranking.filter((e) => e.votes > 0 && e.rank <= n).map((e) => e.ideaId)
}
