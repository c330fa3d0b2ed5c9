import { type Box, CARD_GAP, CARD_SIZE, columnsIn } from './geometry.ts'
import { findFreeSlot, nearestFreeSlot } from './grid.ts'
import { onColumnGrid } from './growClusters.ts'
import { clusterArea, collectingArea, type PlacedShape } from './newCard.ts'

/** `type` of an idea card and of a cluster (boardSchema's; placement stays free of the schema). */
const IDEA_CARD = 'idea-card'
const CLUSTER = 'cluster'

/** A shape as the overlap repair sees it: placement's view plus its place in the write order. */
export interface SeparableShape extends PlacedShape {
  /**
   * Where the shape's latest write stands in the document's order of writes (higher = written
   * later). The board document appends a record on every write, so every peer that holds the
   * same updates sees the same order: two instances pick the same card to move.
   */
  order: number
}

/** Bounds intersect by more than 2 px both ways (the rehearsal's rule for "overlap"). */
export const covers = (a: Box, b: Box): boolean =>
  Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x) > 2 && Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y) > 2

/** Whether `x` is the left edge of one of the collecting area's columns, where placement puts cards. */
export function onCollectingColumn(x: number, area: Box): boolean {
  const pitch = CARD_SIZE.w + CARD_GAP
  const column = Math.round((x - area.x) / pitch)
  return column >= 0 && column < columnsIn(area.w, CARD_SIZE.w) && Math.abs(x - area.x - column * pitch) < 1
}

/**
 * The board's repair for cards that landed on each other (issue 13): two devices, or two server
 * instances, placed a card into the same free slot before either saw the other's card. Of two
 * idea cards of the same parent that overlap, the one written later moves: in the collecting area
 * to its next free slot in reading order (where its device would have put it, had it seen the
 * other card), in a cluster to the free slot nearest to it (as a drop takes). Only cards that
 * stand in a column of their area's grid move — where placement and drops put them; a card on
 * its way in someone's drag stands anywhere and is left alone.
 *
 * The plan covers the whole board and depends on nothing but the shapes and their write order:
 * two instances looking at the same document plan the same moves, so when each carries out only
 * its own part, no two repairs land in the same slot. Returns the new positions (in each card's
 * parent's coordinates), in the order they were planned.
 */
export function separateCards(
  shapes: readonly SeparableShape[],
  pageId: string,
): Map<string, { x: number; y: number }> {
  const current = new Map(shapes.map((shape) => [shape.id, { ...shape }]))
  const { zoneId, area: collectArea } = collectingArea(shapes, pageId)
  const byParent = new Map<string, SeparableShape[]>()
  for (const shape of current.values()) {
    const siblings = byParent.get(shape.parentId)
    if (siblings) siblings.push(shape)
    else byParent.set(shape.parentId, [shape])
  }
  const siblingsOf = (card: SeparableShape) => (byParent.get(card.parentId) ?? []).filter((shape) => shape !== card)
  const coveredBy = (card: SeparableShape) =>
    siblingsOf(card).filter((other) => other.type === IDEA_CARD && covers(card, other))
  const onGrid = (card: SeparableShape): boolean => {
    if (card.parentId === pageId) return onCollectingColumn(card.x, collectArea)
    return current.get(card.parentId)?.type === CLUSTER && onColumnGrid(card.x)
  }
  const later = (a: SeparableShape, b: SeparableShape) => a.order > b.order || (a.order === b.order && a.id > b.id)

  const movers: SeparableShape[] = []
  for (const siblings of byParent.values()) {
    const cards = siblings.filter((shape) => shape.type === IDEA_CARD)
    for (const card of cards) {
      if (onGrid(card) && cards.some((other) => other !== card && later(card, other) && covers(card, other)))
        movers.push(card)
    }
  }

  const moves = new Map<string, { x: number; y: number }>()
  // Earlier writes settle first, so a card placed by this repair counts for the next one.
  for (const card of movers.sort((a, b) => (later(a, b) ? 1 : -1))) {
    if (coveredBy(card).length === 0) continue
    const occupied = siblingsOf(card).filter((shape) => shape.id !== zoneId)
    const size = { w: card.w, h: card.h }
    const cluster = current.get(card.parentId)
    const slot =
      card.parentId === pageId
        ? findFreeSlot(occupied, collectArea, size, CARD_SIZE)
        : nearestFreeSlot(occupied, clusterArea(cluster!), { x: card.x + card.w / 2, y: card.y + card.h / 2 }, size)
    card.x = slot.x
    card.y = slot.y
    moves.set(card.id, slot)
  }
  return moves
}
