/**
 * Rules of the shortlist as pure functions. The shortlist is an ordered list of idea ids per
 * board, kept by the server (docs/architecture.md, decision 2: nothing a client writes into the document changes
 * it).
 */

export interface RankedCandidate {
  ideaId: string
  votes: number
  /** Competition rank: equal votes share a rank (1, 2, 2, 4). */
  rank: number
}

/**
 * The top `n` ideas of a ranking for promotion. Ties at the boundary are kept together: with
 * ranks 1, 2, 3, 3 and n = 3 all four are promoted, because choosing between equal votes is the
 * facilitation's decision, not an accident of board order (they can take one off afterwards).
 * Ideas without a single dot are never "top".
 */
export function topIdeas<T extends RankedCandidate>(ranking: readonly T[], n: number): T[] {
  if (n <= 0) return []
  return ranking.filter((entry) => entry.votes > 0 && entry.rank <= n)
}

/**
 * The shortlist after promoting `promoted`: what is listed stays in its place, new ideas are
 * appended in ranking order. Promoting twice changes nothing.
 */
export function mergeIntoShortlist(current: readonly string[], promoted: readonly string[]): string[] {
  const listed = new Set(current)
  const next = [...current]
  for (const id of promoted) {
    if (listed.has(id)) continue
    listed.add(id)
    next.push(id)
  }
  return next
}

/** Duplicates removed, first occurrence wins (a client may send a list twice-clicked). */
export function uniqueInOrder(ids: readonly string[]): string[] {
  return [...new Set(ids)]
}
