export interface Box {
  x: number
  y: number
  w: number
  h: number
}

/** An idea card's width and minimum height; its height grows with its text. */
export const CARD_SIZE = { w: 260, h: 160 } as const
export const CARD_GAP = 24
const GAP = CARD_GAP
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

/** Space inside a cluster kept free for its title (top) and border (sides). */
export const CLUSTER_INSET = { top: 64, side: 16, bottom: 16 } as const

export interface TidyCard {
  id: string
  x: number
  y: number
  w: number
  h: number
}

/**
 * "Tidy" for a cluster: its cards in a grid, in reading order of where they are now (so a
 * facilitator's rough arrangement survives), as many columns as the cluster is wide. Each row
 * is as tall as its tallest card. Returns the new positions (cluster coordinates) and the
 * cluster size that fits them; the cluster only grows, never shrinks under its cards.
 */
export function tidyLayout(
  cards: readonly TidyCard[],
  cluster: { w: number; h: number },
): { positions: Map<string, { x: number; y: number }>; size: { w: number; h: number } } {
  const positions = new Map<string, { x: number; y: number }>()
  if (cards.length === 0) return { positions, size: { w: cluster.w, h: cluster.h } }
  const cardW = Math.max(...cards.map((card) => card.w))
  const inner = cluster.w - 2 * CLUSTER_INSET.side
  const columns = Math.max(1, Math.floor((inner + GAP) / (cardW + GAP)))
  // Reading order: rows of roughly equal y (within half a card), then x.
  const rowTolerance = CARD_SIZE.h / 2
  const ordered = [...cards].sort((a, b) =>
    Math.abs(a.y - b.y) > rowTolerance ? a.y - b.y : a.x - b.x || a.y - b.y || a.id.localeCompare(b.id),
  )
  let y = CLUSTER_INSET.top
  for (let start = 0; start < ordered.length; start += columns) {
    const row = ordered.slice(start, start + columns)
    row.forEach((card, column) => positions.set(card.id, { x: CLUSTER_INSET.side + column * (cardW + GAP), y }))
    y += Math.max(...row.map((card) => card.h)) + GAP
  }
  const width = Math.max(cluster.w, 2 * CLUSTER_INSET.side + Math.min(columns, ordered.length) * (cardW + GAP) - GAP)
  const height = Math.max(cluster.h, y - GAP + CLUSTER_INSET.bottom)
  return { positions, size: { w: width, h: height } }
}
