import { describe, expect, it } from 'vitest'
import { type Box, CARD_SIZE, CLUSTER_INSET, findFreeSlot, tidyLayout, type TidyCard } from './placement.ts'

const GAP = 24
const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h
const cardAt = (p: { x: number; y: number }): Box => ({ ...p, ...CARD_SIZE })

describe('findFreeSlot', () => {
  it('puts the first card on an empty board at the area origin', () => {
    expect(findFreeSlot([])).toEqual({ x: 0, y: 0 })
    expect(findFreeSlot([], { x: 100, y: 50, w: 1000, h: 1000 })).toEqual({ x: 100, y: 50 })
  })

  it('takes the next slot in the row when the first is occupied', () => {
    expect(findFreeSlot([cardAt({ x: 0, y: 0 })])).toEqual({ x: CARD_SIZE.w + GAP, y: 0 })
  })

  it('skips slots that are only partly covered', () => {
    const sticky = { x: 30, y: 30, w: 10, h: 10 }
    const slot = findFreeSlot([sticky])
    expect(overlaps(cardAt(slot), sticky)).toBe(false)
  })

  it('fills rows in order and never overlaps what is there', () => {
    const occupied: Box[] = []
    for (let i = 0; i < 20; i++) {
      const slot = findFreeSlot(occupied)
      expect(occupied.some((box) => overlaps(box, cardAt(slot)))).toBe(false)
      occupied.push(cardAt(slot))
    }
    // Six columns: the seventh card starts the second row.
    expect(occupied[6]).toMatchObject({ x: 0, y: CARD_SIZE.h + GAP })
  })

  it('places below all content when the area is full', () => {
    const area = { x: 0, y: 0, w: CARD_SIZE.w * 2 + GAP, h: CARD_SIZE.h }
    const occupied = [cardAt({ x: 0, y: 0 }), cardAt({ x: CARD_SIZE.w + GAP, y: 0 }), { x: 900, y: 500, w: 50, h: 80 }]
    expect(findFreeSlot(occupied, area)).toEqual({ x: 0, y: 580 + GAP })
  })
})

describe('tidyLayout', () => {
  const card = (id: string, x: number, y: number, h: number = CARD_SIZE.h): TidyCard => ({
    id,
    x,
    y,
    w: CARD_SIZE.w,
    h,
  })

  it('puts cards in a grid in reading order of where they were', () => {
    // Two columns fit: 2 * 260 + 24 + 2 * 16 = 576.
    const cluster = { w: 600, h: 300 }
    const cards = [card('c', 10, 400), card('a', 300, 70), card('b', 20, 90)]
    const { positions } = tidyLayout(cards, cluster)
    expect(positions.get('b')).toEqual({ x: CLUSTER_INSET.side, y: CLUSTER_INSET.top })
    expect(positions.get('a')).toEqual({ x: CLUSTER_INSET.side + CARD_SIZE.w + GAP, y: CLUSTER_INSET.top })
    expect(positions.get('c')).toEqual({ x: CLUSTER_INSET.side, y: CLUSTER_INSET.top + CARD_SIZE.h + GAP })
  })

  it('makes each row as tall as its tallest card, so nothing overlaps', () => {
    const cards = [card('a', 0, 0, 400), card('b', 300, 0), card('c', 0, 500), card('d', 300, 500)]
    const { positions, size } = tidyLayout(cards, { w: 600, h: 300 })
    const boxes = cards.map((c) => ({ ...c, ...positions.get(c.id)! }))
    for (const a of boxes) for (const b of boxes) if (a !== b) expect(overlaps(a, b)).toBe(false)
    expect(positions.get('c')!.y).toBe(CLUSTER_INSET.top + 400 + GAP)
    // The cluster grows to hold its cards.
    expect(size.h).toBeGreaterThanOrEqual(positions.get('c')!.y + CARD_SIZE.h)
  })

  it('keeps one column in a narrow cluster and never shrinks the cluster', () => {
    const { positions, size } = tidyLayout([card('a', 0, 0), card('b', 0, 0)], { w: 200, h: 900 })
    expect(positions.get('a')!.x).toBe(positions.get('b')!.x)
    expect(size.h).toBe(900)
    expect(size.w).toBeGreaterThanOrEqual(CARD_SIZE.w + 2 * CLUSTER_INSET.side)
  })

  it('leaves an empty cluster as it is', () => {
    expect(tidyLayout([], { w: 500, h: 400 }).size).toEqual({ w: 500, h: 400 })
  })
})
