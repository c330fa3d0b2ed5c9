import { type Box, CARD_GAP, CARD_SIZE, columnsIn, type Size } from './geometry.ts'
import { findFreeSlot } from './grid.ts'
import { CLUSTER_INSET } from './tidy.ts'

/** `meta.role` of the shape that marks a board's collecting area (a template zone). */
export const COLLECT_ROLE = 'collect'

/** Space inside a zone kept free for its label (top) and border (sides, bottom). */
export const ZONE_INSET = { top: 96, side: 24, bottom: 24 } as const

/** Columns of cards a collecting area holds side by side. */
export const COLLECT_COLUMNS = 5

/** Width of a collecting zone that holds exactly `COLLECT_COLUMNS` cards. */
export const COLLECT_ZONE_WIDTH = 2 * ZONE_INSET.side + COLLECT_COLUMNS * (CARD_SIZE.w + CARD_GAP) - CARD_GAP

/**
 * Where new ideas land on a board that has no marked collecting area (a blank board, or one
 * created before templates marked theirs): a band of `COLLECT_COLUMNS` columns from the origin
 * down. It has no shape; every device and the API compute the same band.
 */
export const DEFAULT_COLLECT_AREA: Box = {
  x: 0,
  y: 0,
  w: COLLECT_COLUMNS * (CARD_SIZE.w + CARD_GAP) - CARD_GAP,
  h: Infinity,
}

/** What placement needs to know about a shape: where it is and how big, in its parent's space. */
export interface PlacedShape extends Box {
  id: string
  type: string
  parentId: string
  /** `meta.role` of the shape (`'collect'` marks the collecting area). */
  role?: string
}

/**
 * The collecting area of a board: inside the shape marked `meta.role: 'collect'` (the first in
 * reading order when there are several), below its label. Open at the bottom: when the zone is
 * full, cards flow on in the same columns below it instead of onto anything else.
 */
export function collectingArea(shapes: readonly PlacedShape[], pageId: string): { zoneId: string | null; area: Box } {
  const zone = shapes
    .filter((shape) => shape.role === COLLECT_ROLE && shape.parentId === pageId)
    .sort((a, b) => a.y - b.y || a.x - b.x || a.id.localeCompare(b.id))[0]
  if (!zone) return { zoneId: null, area: DEFAULT_COLLECT_AREA }
  return {
    zoneId: zone.id,
    area: { x: zone.x + ZONE_INSET.side, y: zone.y + ZONE_INSET.top, w: zone.w - 2 * ZONE_INSET.side, h: Infinity },
  }
}

/** The area inside a cluster where its cards go (cluster coordinates), open at the bottom. */
export function clusterArea(cluster: Size): Box {
  return {
    x: CLUSTER_INSET.side,
    y: CLUSTER_INSET.top,
    w: Math.max(CARD_SIZE.w, cluster.w - 2 * CLUSTER_INSET.side),
    h: Infinity,
  }
}

/**
 * Where a new idea card goes — the one rule for every device and the API. Into `clusterId`'s
 * next free slot when a cluster is given (the one the person is working in), else into the
 * collecting area's next free slot in reading order. Never on another shape of the same parent.
 * `size` is the new card's size (a long text makes it taller); the grid pitch stays a card's
 * minimum size so the rows line up.
 */
export function placeNewCard(
  shapes: readonly PlacedShape[],
  target: { pageId: string; clusterId?: string | null; size?: Size },
): { parentId: string; x: number; y: number } {
  const size = target.size ?? CARD_SIZE
  const cluster = target.clusterId ? shapes.find((shape) => shape.id === target.clusterId) : undefined
  if (cluster) {
    const occupied = shapes.filter((shape) => shape.parentId === cluster.id)
    return { parentId: cluster.id, ...findFreeSlot(occupied, clusterArea(cluster), size, CARD_SIZE) }
  }
  const { zoneId, area } = collectingArea(shapes, target.pageId)
  const occupied = shapes.filter((shape) => shape.parentId === target.pageId && shape.id !== zoneId)
  return { parentId: target.pageId, ...findFreeSlot(occupied, area, size, CARD_SIZE) }
}

/** Columns a cluster of this width lays its cards out in. */
export const clusterColumns = (cluster: Size): number => columnsIn(clusterArea(cluster).w, CARD_SIZE.w)
