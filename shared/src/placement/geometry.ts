export interface Box {
  x: number
  y: number
  w: number
  h: number
}

export interface Size {
  w: number
  h: number
}

/** An idea card's width and minimum height; its height grows with its text. */
export const CARD_SIZE = { w: 260, h: 160 } as const
/** Space between cards in a grid, and between clusters after a reflow. */
export const CARD_GAP = 24

/**
 * Whether two boxes overlap. With a `margin`, boxes closer than that also count: placement uses
 * half a gap, so a card never touches its neighbour while grid neighbours (a full gap apart) fit.
 */
export const overlaps = (a: Box, b: Box, margin = 0): boolean =>
  a.x < b.x + b.w + margin && b.x < a.x + a.w + margin && a.y < b.y + b.h + margin && b.y < a.y + a.h + margin

/** How many cells of width `cellW` fit side by side in `width` (at least one). */
export const columnsIn = (width: number, cellW: number): number =>
  Math.max(1, Math.floor((width + CARD_GAP) / (cellW + CARD_GAP)))
