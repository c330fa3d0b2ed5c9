export interface Box {
  x: number
  y: number
  w: number
  h: number
}

export const CARD_SIZE = { w: 220, h: 160 } as const
const GAP = 24
const COLUMNS = 6

const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h

/**
 * First free slot for a new card in a grid, row by row, inside `area` (or below all content
 * when the area is full). Pure, so the layout rules are testable without a board.
 */
export function findFreeSlot(
  occupied: readonly Box[],
  area: Box = { x: 0, y: 0, w: COLUMNS * (CARD_SIZE.w + GAP), h: Infinity },
  size: { w: number; h: number } = CARD_SIZE,
): { x: number; y: number } {
  const columns = Math.max(1, Math.floor((area.w + GAP) / (size.w + GAP)))
  for (let slot = 0; slot < 10_000; slot++) {
    const candidate: Box = {
      x: area.x + (slot % columns) * (size.w + GAP),
      y: area.y + Math.floor(slot / columns) * (size.h + GAP),
      w: size.w,
      h: size.h,
    }
    if (candidate.y + size.h > area.y + area.h) break
    if (!occupied.some((box) => overlaps(box, candidate))) return { x: candidate.x, y: candidate.y }
  }
  const bottom = occupied.reduce((max, box) => Math.max(max, box.y + box.h), area.y)
  return { x: area.x, y: bottom + GAP }
}
