import { CARD_GAP, CARD_SIZE } from './geometry.ts'

const GAP = CARD_GAP

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

/**
 * The size a cluster needs so that all its cards (cluster coordinates) lie inside it, with its
 * border kept free. It only grows, never shrinks under its cards.
 */
export function grownToHold(
  cluster: { w: number; h: number },
  cards: readonly { x: number; y: number; w: number; h: number }[],
): {
  w: number
  h: number
} {
  let { w, h } = cluster
  for (const card of cards) {
    w = Math.max(w, Math.ceil(card.x + card.w + CLUSTER_INSET.side))
    h = Math.max(h, Math.ceil(card.y + card.h + CLUSTER_INSET.bottom))
  }
  return { w, h }
}
