import { describe, expect, it } from 'vitest'
import { type Box, CARD_SIZE, findFreeSlot } from './placement.ts'

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
