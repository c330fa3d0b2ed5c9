import { CARD_GAP, CARD_SIZE, type Size } from './geometry.ts'
import type { PlacedShape } from './newCard.ts'
import { reflowClusters } from './reflow.ts'
import { CLUSTER_INSET, grownToHold } from './tidy.ts'

/** `type` of a cluster shape (boardSchema's CLUSTER_TYPE; placement stays free of the schema). */
const CLUSTER = 'cluster'

/**
 * How far beyond a cluster's edge a card may start and still make it grow: one new row below (or
 * a card hanging over the side). Every honest drop lands there (`nearestFreeSlot` opens the next
 * row); a card written far away is left where it is rather than stretching the cluster across the
 * board and pushing every other cluster out of sight.
 */
export const GROWTH_REACH = { x: CARD_GAP, y: CARD_SIZE.h + CARD_GAP } as const

/**
 * Whether a card stands in one of a cluster's grid columns, as every placement puts it (a drop's
 * nearest free slot, the next free slot, "Ordnen"). A card on its way across a cluster in
 * someone's drag stands anywhere: the cluster must not grow around it when the drag pauses.
 */
export function onColumnGrid(x: number): boolean {
  const column = (x - CLUSTER_INSET.side) / (CARD_SIZE.w + CARD_GAP)
  return column > -0.01 && Math.abs(column - Math.round(column)) * (CARD_SIZE.w + CARD_GAP) < 1
}

/** A shape as cluster growth sees it: placement's view plus whether it is locked in place. */
export interface GrowableShape extends PlacedShape {
  locked?: boolean
}

/** What growing clusters changes: new sizes of clusters that grew, new positions of those that made way. */
export interface ClusterGrowth {
  sizes: Map<string, Size>
  positions: Map<string, { x: number; y: number }>
}

/**
 * The board's own rule after cards landed in clusters (issue 13): each of the `touched` clusters
 * grows until all its cards (its children, in its coordinates) lie inside it, and the clusters on
 * the same page it would now cover move down (`reflowClusters`), a locked one staying put. A
 * participant may drop a card into a full cluster they did not create (the card takes a new row
 * below the edge) but may not resize it, so the server applies this as its own write. Clusters
 * never shrink here, and nothing moves when nothing grew. Only cards that stand where placement
 * puts them count (`onColumnGrid`, within `GROWTH_REACH`): not one held still mid-drag, not one
 * a hostile client wrote far away. Pure and deterministic: every instance
 * computes the same result.
 */
export function growClusters(shapes: readonly GrowableShape[], touched: Iterable<string>): ClusterGrowth {
  const sizes = new Map<string, Size>()
  const positions = new Map<string, { x: number; y: number }>()
  const byId = new Map(shapes.map((shape) => [shape.id, shape]))
  const grownParents = new Set<string>()
  for (const id of new Set(touched)) {
    const cluster = byId.get(id)
    if (!cluster || cluster.type !== CLUSTER) continue
    const within = shapes.filter(
      (shape) =>
        shape.parentId === id &&
        onColumnGrid(shape.x) &&
        shape.x <= cluster.w + GROWTH_REACH.x &&
        shape.y <= cluster.h + GROWTH_REACH.y,
    )
    const size = grownToHold(cluster, within)
    if (size.w === cluster.w && size.h === cluster.h) continue
    sizes.set(id, size)
    grownParents.add(cluster.parentId)
  }
  for (const parentId of grownParents) {
    const clusters = shapes
      .filter((shape) => shape.type === CLUSTER && shape.parentId === parentId)
      .map((shape) => {
        const { w, h } = sizes.get(shape.id) ?? shape
        return { id: shape.id, x: shape.x, y: shape.y, w, h, fixed: shape.locked === true }
      })
    for (const [id, position] of reflowClusters(clusters)) positions.set(id, position)
  }
  return { sizes, positions }
}
