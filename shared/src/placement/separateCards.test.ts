import { describe, expect, it } from 'vitest'
import { CARD_GAP, CARD_SIZE } from './geometry.ts'
import { COLLECT_ROLE, COLLECT_ZONE_WIDTH, ZONE_INSET } from './newCard.ts'
import { covers, type SeparableShape, separateCards } from './separateCards.ts'
import { CLUSTER_INSET } from './tidy.ts'

const PAGE = 'page:page'
const PITCH = CARD_SIZE.w + CARD_GAP
const zone: SeparableShape = {
  id: 'shape:zone',
  type: 'geo',
  parentId: PAGE,
  x: -2000,
  y: 0,
  w: COLLECT_ZONE_WIDTH,
  h: 800,
  role: COLLECT_ROLE,
  order: 0,
}
const slot = (column: number, row = 0) => ({
  x: zone.x + ZONE_INSET.side + column * PITCH,
  y: zone.y + ZONE_INSET.top + row * (CARD_SIZE.h + CARD_GAP),
})
const card = (id: string, order: number, at: { x: number; y: number }, parentId = PAGE): SeparableShape => ({
  id,
  type: 'idea-card',
  parentId,
  order,
  ...at,
  ...CARD_SIZE,
})
const cluster: SeparableShape = {
  id: 'shape:c',
  type: 'cluster',
  parentId: PAGE,
  x: 1500,
  y: 0,
  w: 600,
  h: 424,
  order: 1,
}

const noneCover = (shapes: SeparableShape[], moves: Map<string, { x: number; y: number }>) => {
  const placed = shapes.map((s) => ({ ...s, ...moves.get(s.id) })).filter((s) => s.type === 'idea-card')
  for (let i = 0; i < placed.length; i++)
    for (let j = i + 1; j < placed.length; j++)
      if (placed[i]!.parentId === placed[j]!.parentId) expect(covers(placed[i]!, placed[j]!)).toBe(false)
}

describe('separateCards', () => {
  it('moves the later of two first ideas in the same slot to the next free slot in reading order', () => {
    const shapes = [zone, card('shape:a', 5, slot(0)), card('shape:b', 6, slot(0))]
    const moves = separateCards(shapes, PAGE)
    expect([...moves]).toEqual([['shape:b', slot(1)]])
  })

  it('decides by write order alone, whatever order the shapes come in', () => {
    const shapes = [zone, card('shape:a', 9, slot(2)), card('shape:b', 3, slot(2)), card('shape:x', 4, slot(0))]
    expect([...separateCards(shapes, PAGE)]).toEqual([['shape:a', slot(1)]])
    expect([...separateCards([...shapes].reverse(), PAGE)]).toEqual([['shape:a', slot(1)]])
  })

  it('plans three cards in one slot so that the two later ones take different slots', () => {
    const shapes = [zone, card('shape:c', 7, slot(0)), card('shape:a', 5, slot(0)), card('shape:b', 6, slot(0))]
    expect([...separateCards(shapes, PAGE)]).toEqual([
      ['shape:b', slot(1)],
      ['shape:c', slot(2)],
    ])
  })

  it('leaves a card off the grid (on its way in a drag) where it is', () => {
    const offGrid = [zone, card('shape:a', 1, slot(0)), card('shape:b', 2, { x: slot(0).x + 40, y: slot(0).y + 30 })]
    expect(separateCards(offGrid, PAGE).size).toBe(0)
  })

  it('moves a card in a cluster to the nearest free slot, never onto a third card', () => {
    const at = (column: number, row: number) => ({
      x: CLUSTER_INSET.side + column * PITCH,
      y: CLUSTER_INSET.top + row * (CARD_SIZE.h + CARD_GAP),
    })
    const shapes = [
      zone,
      cluster,
      card('shape:a', 2, at(0, 0), cluster.id),
      card('shape:b', 3, at(1, 0), cluster.id),
      card('shape:c1', 4, at(0, 0), cluster.id),
    ]
    const moves = separateCards(shapes, PAGE)
    expect(moves.get('shape:c1')).toEqual(at(0, 1))
    noneCover(shapes, moves)
  })

  it('moves nothing on a tidy board of 500 cards', () => {
    const shapes = [
      zone,
      ...Array.from({ length: 500 }, (_, i) => card(`shape:${i}`, i + 1, slot(i % 5, Math.floor(i / 5)))),
    ]
    expect(separateCards(shapes, PAGE).size).toBe(0)
  })

  // The worst case (a hostile client piles 500 cards into one slot) takes seconds on a loaded machine.
  it('separates a pile of 500 cards in one slot without overlaps', { timeout: 60_000 }, () => {
    const shapes = [zone, ...Array.from({ length: 500 }, (_, i) => card(`shape:${i}`, i + 1, slot(0)))]
    const moves = separateCards(shapes, PAGE)
    expect(moves.size).toBe(499)
    expect(moves.has('shape:0')).toBe(false)
    noneCover(shapes, moves)
  })
})
