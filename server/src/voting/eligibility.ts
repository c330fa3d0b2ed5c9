/**
 * Which ideas a round is about, decided once when it opens. A facilitator may name ideas, whole
 * clusters, or both; clusters are resolved to the ideas inside them at that moment, so a card
 * dragged into a cluster later does not join a running round (everyone saw the list when voting
 * began). Pure: the caller reads the board's ideas (id + cluster) from the document.
 */

export interface IdeaInCluster {
  id: string
  /** The cluster the card sits in, null when it is on the page. */
  clusterId: string | null
}

export interface EligibilityRequest {
  ideaIds?: readonly string[]
  clusterIds?: readonly string[]
}

export type EligibilityResult =
  /** `ideaIds: null` means every idea card on the board (nothing was narrowed). */
  | { ok: true; ideaIds: string[] | null }
  | { ok: false; unknownIdeas: string[]; unknownClusters: string[]; empty: boolean }

/**
 * Resolves a round's eligible ideas in board order (the order of `ideas`). Unknown ids are
 * refused rather than ignored, so a typo never silently opens a round on the wrong cards;
 * clusters that hold no idea at all make the round empty, which is refused too.
 */
export function resolveEligibleIdeas(
  ideas: readonly IdeaInCluster[],
  clusters: ReadonlySet<string>,
  request: EligibilityRequest,
): EligibilityResult {
  if (!request.ideaIds && !request.clusterIds) return { ok: true, ideaIds: null }
  const known = new Set(ideas.map((i) => i.id))
  const unknownIdeas = [...new Set(request.ideaIds ?? [])].filter((id) => !known.has(id))
  const unknownClusters = [...new Set(request.clusterIds ?? [])].filter((id) => !clusters.has(id))
  const wantedIdeas = new Set(request.ideaIds ?? [])
  const wantedClusters = new Set(request.clusterIds ?? [])
  const ideaIds = ideas
    .filter((i) => wantedIdeas.has(i.id) || (i.clusterId !== null && wantedClusters.has(i.clusterId)))
    .map((i) => i.id)
  if (unknownIdeas.length > 0 || unknownClusters.length > 0 || ideaIds.length === 0) {
    return { ok: false, unknownIdeas, unknownClusters, empty: ideaIds.length === 0 }
  }
  return { ok: true, ideaIds }
}
