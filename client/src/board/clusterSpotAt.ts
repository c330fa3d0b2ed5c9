export interface Rect {
  x: number
  y: number
  w: number
  h: number
}

/** Space kept between a new cluster and what is already on the board. */
const GAP = 24
/** How far the title bar sits below the point clicked, so the title lands where the person pointed. */
const TITLE_OFFSET = 32
const STEP = 48
const MAX_RINGS = 60

const collides = (a: Rect, b: Rect) =>
  a.x < b.x + b.w + GAP && b.x < a.x + a.w + GAP && a.y < b.y + b.h + GAP && b.y < a.y + a.h + GAP

/**
 * Where a new cluster of `size` goes when the person clicks `at` (page coordinates): centred
 * under the click with its title at the pointer, or — if that would cover something — the
 * nearest spot around it that covers nothing (rings of candidates, nearest first), or below
 * everything when the neighbourhood is full. Pure, so the rule is testable without a board.
 */
export function clusterSpotAt(
  at: { x: number; y: number },
  size: { w: number; h: number },
  occupied: readonly Rect[],
): { x: number; y: number } {
  const wanted = { x: Math.round(at.x - size.w / 2), y: Math.round(at.y - TITLE_OFFSET) }
  const free = (x: number, y: number) => !occupied.some((box) => collides(box, { x, y, w: size.w, h: size.h }))
  if (free(wanted.x, wanted.y)) return wanted
  for (let ring = 1; ring <= MAX_RINGS; ring++) {
    const candidates: { x: number; y: number; distance: number }[] = []
    for (let i = -ring; i <= ring; i++) {
      for (const [dx, dy] of [
        [i, -ring],
        [i, ring],
        [-ring, i],
        [ring, i],
      ] as const) {
        candidates.push({ x: wanted.x + dx * STEP, y: wanted.y + dy * STEP, distance: Math.hypot(dx, dy) })
      }
    }
    candidates.sort((a, b) => a.distance - b.distance || a.y - b.y || a.x - b.x)
    const hit = candidates.find((candidate) => free(candidate.x, candidate.y))
    if (hit) return { x: hit.x, y: hit.y }
  }
  const bottom = occupied.reduce((max, box) => Math.max(max, box.y + box.h), wanted.y - GAP)
  return { x: wanted.x, y: bottom + GAP }
}
