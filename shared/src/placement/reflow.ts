import { type Box, CARD_GAP, overlaps } from './geometry.ts'

export interface ReflowBox extends Box {
  id: string
  /** A box this person may not move (someone else's cluster): others make way around it. */
  fixed?: boolean
}

/**
 * Moves clusters down until none overlaps another, keeping at least a gap between them.
 * Clusters are settled top to bottom (then left to right, then by id), so the one that grew
 * stays where it is and the ones below or beside it make way; a pushed cluster pushes the next.
 * Only `y` changes, and only of clusters that overlapped something. Fixed boxes never move.
 * Returns the new positions of the clusters that moved. Deterministic.
 */
export function reflowClusters(
  boxes: readonly ReflowBox[],
  gap: number = CARD_GAP,
): Map<string, { x: number; y: number }> {
  const moved = new Map<string, { x: number; y: number }>()
  const settled: Box[] = boxes.filter((box) => box.fixed)
  const movable = boxes.filter((box) => !box.fixed).sort((a, b) => a.y - b.y || a.x - b.x || a.id.localeCompare(b.id))
  for (const box of movable) {
    const current = { ...box }
    // Each pass moves the box below one settled box; a settled box can push it at most once.
    for (let pass = 0; pass <= settled.length; pass++) {
      const blocker = settled
        .filter((other) => overlaps(current, other, gap / 2))
        .reduce<Box | null>(
          (lowest, other) => (!lowest || other.y + other.h > lowest.y + lowest.h ? other : lowest),
          null,
        )
      if (!blocker) break
      current.y = blocker.y + blocker.h + gap
    }
    settled.push(current)
    if (current.y !== box.y) moved.set(box.id, { x: current.x, y: current.y })
  }
  return moved
}
