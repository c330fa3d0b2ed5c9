import { describe, expect, it } from 'vitest'
import { type Box, CARD_GAP, CARD_SIZE } from './geometry.ts'
import { nearestFreeSlot } from './grid.ts'
import {
  clusterArea,
  collectingArea,
  COLLECT_ROLE,
  COLLECT_ZONE_WIDTH,
  DEFAULT_COLLECT_AREA,
  placeNewCard,
  type PlacedShape,
  ZONE_INSET,
} from './newCard.ts'
import { reflowClusters } from './reflow.ts'
import { CLUSTER_INSET, grownToHold, tidyLayout } from './tidy.ts'

const PAGE = 'page:page'
const pitch = { x: CARD_SIZE.w + CARD_GAP, y: CARD_SIZE.h + CARD_GAP }
const zone = (x: number, y: number, w = COLLECT_ZONE_WIDTH, h = 1400): PlacedShape => ({
  id: 'shape:collect',
  type: 'geo',
  parentId: PAGE,
  role: COLLECT_ROLE,
  x,
  y,
  w,
  h,
})
const cluster = (id: string, x: number, y: number, w = 760, h = 520): PlacedShape => ({
  id,
  type: 'cluster',
  parentId: PAGE,
  x,
  y,
  w,
  h,
})
const card = (id: string, parentId: string, p: { x: number; y: number }, h: number = CARD_SIZE.h): PlacedShape => ({
  id,
  type: 'idea-card',
  parentId,
  ...p,
  w: CARD_SIZE.w,
  h,
})
/** Bounds intersect by more than `tolerance` pixels both ways (the rehearsal's overlap rule). */
const intersects = (a: Box, b: Box, tolerance = 0) =>
  Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x) > tolerance &&
  Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y) > tolerance
const contains = (outer: Box, inner: Box) =>
  inner.x >= outer.x &&
  inner.y >= outer.y &&
  inner.x + inner.w <= outer.x + outer.w &&
  inner.y + inner.h <= outer.y + outer.h

describe('collectingArea', () => {
  it('is the marked zone below its label', () => {
    const { zoneId, area } = collectingArea([cluster('shape:c1', 1500, 0), zone(100, 50)], PAGE)
    expect(zoneId).toBe('shape:collect')
    expect(area).toEqual({
      x: 100 + ZONE_INSET.side,
      y: 50 + ZONE_INSET.top,
      w: COLLECT_ZONE_WIDTH - 2 * ZONE_INSET.side,
      h: Infinity,
    })
  })

  it('falls back to the same band from the origin on a board without one', () => {
    expect(collectingArea([cluster('shape:c1', 1500, 0)], PAGE)).toEqual({ zoneId: null, area: DEFAULT_COLLECT_AREA })
  })

  it('holds exactly its columns of cards', () => {
    const { area } = collectingArea([zone(0, 0)], PAGE)
    const cards: PlacedShape[] = [zone(0, 0)]
    for (let i = 0; i < 6; i++) cards.push(card(`shape:${i}`, PAGE, placeNewCard(cards, { pageId: PAGE })))
    expect(cards.slice(1, 6).map((c) => c.y)).toEqual(Array(5).fill(area.y))
    expect(cards[5]!.x + CARD_SIZE.w).toBe(area.x + area.w)
    expect(cards[6]).toMatchObject({ x: area.x, y: area.y + pitch.y })
  })
})

describe('placeNewCard', () => {
  it('fills the collecting area in reading order, whatever else is on the page', () => {
    const shapes: PlacedShape[] = [zone(0, 0), cluster('shape:c1', 1500, 0)]
    const first = placeNewCard(shapes, { pageId: PAGE })
    expect(first).toEqual({ parentId: PAGE, x: ZONE_INSET.side, y: ZONE_INSET.top })
    shapes.push(card('shape:a', PAGE, first))
    expect(placeNewCard(shapes, { pageId: PAGE })).toEqual({
      parentId: PAGE,
      x: ZONE_INSET.side + pitch.x,
      y: ZONE_INSET.top,
    })
  })

  it('goes around a card someone moved into the area and a drawing lying in it', () => {
    const moved = card('shape:moved', PAGE, { x: ZONE_INSET.side + 10, y: ZONE_INSET.top + 10 })
    const drawing: PlacedShape = { id: 'shape:draw', type: 'draw', parentId: PAGE, x: 330, y: 100, w: 40, h: 40 }
    const shapes = [zone(0, 0), moved, drawing]
    const placed = placeNewCard(shapes, { pageId: PAGE })
    const box = { ...placed, ...CARD_SIZE }
    expect(intersects(box, moved)).toBe(false)
    expect(intersects(box, drawing)).toBe(false)
    expect(placed).toEqual({ parentId: PAGE, x: ZONE_INSET.side + 2 * pitch.x, y: ZONE_INSET.top })
  })

  it('flows on below the zone in the same columns when the zone is full', () => {
    const small = zone(0, 0, COLLECT_ZONE_WIDTH, ZONE_INSET.top + CARD_SIZE.h + ZONE_INSET.bottom)
    const shapes: PlacedShape[] = [small]
    for (let i = 0; i < 6; i++) shapes.push(card(`shape:${i}`, PAGE, placeNewCard(shapes, { pageId: PAGE })))
    expect(shapes[6]).toMatchObject({ x: ZONE_INSET.side, y: ZONE_INSET.top + pitch.y })
  })

  it("goes into the cluster's next free slot when a cluster is the current one", () => {
    const c1 = cluster('shape:c1', 1500, 600)
    const shapes = [zone(0, 0), c1, card('shape:in', c1.id, { x: CLUSTER_INSET.side, y: CLUSTER_INSET.top })]
    expect(placeNewCard(shapes, { pageId: PAGE, clusterId: c1.id })).toEqual({
      parentId: c1.id,
      x: CLUSTER_INSET.side + pitch.x,
      y: CLUSTER_INSET.top,
    })
  })

  it('keeps a tall card clear of the row below', () => {
    const shapes: PlacedShape[] = [zone(0, 0)]
    for (let i = 0; i < 5; i++) shapes.push(card(`shape:${i}`, PAGE, placeNewCard(shapes, { pageId: PAGE })))
    const tall = placeNewCard(shapes, { pageId: PAGE, size: { w: CARD_SIZE.w, h: 400 } })
    shapes.push(card('shape:tall', PAGE, tall, 400))
    const next = placeNewCard(shapes, { pageId: PAGE })
    expect(next.y).toBe(tall.y)
    const underTall = shapes.filter((s) => s.id !== 'shape:collect')
    for (let i = 0; i < 6; i++) {
      const placed = placeNewCard(underTall, { pageId: PAGE })
      for (const other of underTall)
        if (other.type !== 'geo') expect(intersects({ ...placed, ...CARD_SIZE }, other)).toBe(false)
      underTall.push(card(`shape:more${i}`, PAGE, placed))
    }
  })
})

describe('nearestFreeSlot', () => {
  const area = clusterArea({ w: 760, h: 520 })
  const slot = (column: number, row: number) => ({ x: area.x + column * pitch.x, y: area.y + row * pitch.y })

  it('takes the free slot nearest to where the card was dropped', () => {
    const occupied = [{ ...slot(0, 0), ...CARD_SIZE }]
    expect(nearestFreeSlot(occupied, { ...area, h: 520 - area.y }, { x: 400, y: 120 })).toEqual(slot(1, 0))
    expect(nearestFreeSlot(occupied, { ...area, h: 520 - area.y }, { x: 120, y: 150 })).toEqual(slot(0, 1))
    expect(nearestFreeSlot(occupied, { ...area, h: 520 - area.y }, { x: 700, y: 400 })).toEqual(slot(1, 1))
  })

  it('prefers a free slot inside the cluster over growing it', () => {
    const inner = { ...area, h: 2 * pitch.y }
    const occupied = [slot(0, 0), slot(1, 0), slot(0, 1)].map((p) => ({ ...p, ...CARD_SIZE }))
    expect(nearestFreeSlot(occupied, inner, { x: 100, y: 900 })).toEqual(slot(1, 1))
  })

  it('opens a new row below when the cluster is full', () => {
    const inner = { ...area, h: pitch.y }
    const occupied = [slot(0, 0), slot(1, 0)].map((p) => ({ ...p, ...CARD_SIZE }))
    expect(nearestFreeSlot(occupied, inner, { x: 500, y: 100 })).toEqual(slot(1, 1))
  })
})

describe('reflowClusters', () => {
  it('pushes the cluster below a grown one down and leaves the grown one in place', () => {
    const moved = reflowClusters([
      { id: 'a', x: 0, y: 0, w: 760, h: 900 },
      { id: 'b', x: 0, y: 600, w: 760, h: 520 },
      { id: 'c', x: 0, y: 1200, w: 760, h: 520 },
    ])
    expect(moved.has('a')).toBe(false)
    expect(moved.get('b')).toEqual({ x: 0, y: 900 + CARD_GAP })
    // b pushed c in turn.
    expect(moved.get('c')).toEqual({ x: 0, y: 900 + CARD_GAP + 520 + CARD_GAP })
  })

  it('leaves clusters that overlap nothing where they are', () => {
    expect(
      reflowClusters([
        { id: 'a', x: 0, y: 0, w: 100, h: 100 },
        { id: 'b', x: 500, y: 0, w: 100, h: 100 },
      ]).size,
    ).toBe(0)
  })

  it('moves only what may move: a fixed cluster stays, the movable one makes way', () => {
    const moved = reflowClusters([
      { id: 'mine', x: 0, y: 0, w: 760, h: 900 },
      { id: 'theirs', x: 0, y: 600, w: 760, h: 520, fixed: true },
    ])
    expect(moved.get('mine')).toEqual({ x: 0, y: 600 + 520 + CARD_GAP })
  })
})

describe('grownToHold', () => {
  it('grows to hold a card below the bottom edge and never shrinks', () => {
    expect(grownToHold({ w: 760, h: 520 }, [{ x: 16, y: 600, w: 260, h: 160 }])).toEqual({
      w: 760,
      h: 760 + CLUSTER_INSET.bottom,
    })
    expect(grownToHold({ w: 760, h: 520 }, [{ x: 16, y: 64, w: 260, h: 160 }])).toEqual({ w: 760, h: 520 })
  })
})

/** A seeded pseudo-random sequence (mulberry32), so the big board is the same on every run. */
function seeded(seed: number) {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * 500 cards arrive on a Thementisch board the way a workshop sends them: posted to the collecting
 * area, posted while a cluster is the current one, dropped into a cluster somewhere; some with long
 * texts. After each card its cluster grows to hold it and the clusters reflow; at the end every
 * cluster is tidied ("Ordnen") and reflowed once more.
 */
function workshop(seed: number) {
  const random = seeded(seed)
  const shapes: PlacedShape[] = [
    zone(0, 0),
    cluster('shape:c1', 1500, 0),
    cluster('shape:c2', 1500, 600),
    cluster('shape:c3', 2300, 0),
  ]
  const clusters = () => shapes.filter((s) => s.type === 'cluster')
  const settle = (clusterId: string) => {
    const c = shapes.find((s) => s.id === clusterId)!
    Object.assign(
      c,
      grownToHold(
        c,
        shapes.filter((s) => s.parentId === clusterId),
      ),
    )
    for (const [id, position] of reflowClusters(clusters()))
      Object.assign(
        shapes.find((s) => s.id === id)!,
        position,
      )
  }
  for (let i = 0; i < 500; i++) {
    const h = random() < 0.2 ? CARD_SIZE.h + Math.floor(random() * 200) : CARD_SIZE.h
    const roll = random()
    const target = clusters()[Math.floor(random() * 3)]!
    if (roll < 0.5) {
      shapes.push(card(`shape:${i}`, PAGE, placeNewCard(shapes, { pageId: PAGE, size: { w: CARD_SIZE.w, h } }), h))
    } else if (roll < 0.75) {
      const placed = placeNewCard(shapes, { pageId: PAGE, clusterId: target.id, size: { w: CARD_SIZE.w, h } })
      shapes.push(card(`shape:${i}`, placed.parentId, placed, h))
      settle(target.id)
    } else {
      const siblings = shapes.filter((s) => s.parentId === target.id)
      const area = { ...clusterArea(target), h: target.h - CLUSTER_INSET.top - CLUSTER_INSET.bottom }
      const drop = { x: random() * target.w, y: random() * target.h }
      shapes.push(card(`shape:${i}`, target.id, nearestFreeSlot(siblings, area, drop, { w: CARD_SIZE.w, h }), h))
      settle(target.id)
    }
  }
  for (const c of clusters()) {
    const children = shapes.filter((s) => s.parentId === c.id)
    const { positions, size } = tidyLayout(children, c)
    for (const child of children) Object.assign(child, positions.get(child.id))
    Object.assign(c, size)
  }
  for (const [id, position] of reflowClusters(clusters()))
    Object.assign(
      shapes.find((s) => s.id === id)!,
      position,
    )
  return shapes
}

describe('a workshop of 500 cards', () => {
  const shapes = workshop(13)
  const clusters = shapes.filter((s) => s.type === 'cluster')
  const pageBox = (s: PlacedShape): Box => {
    const parent = clusters.find((c) => c.id === s.parentId)
    return parent ? { x: parent.x + s.x, y: parent.y + s.y, w: s.w, h: s.h } : s
  }
  const cards = shapes.filter((s) => s.type === 'idea-card')

  it('places every card, and no two cards overlap', () => {
    expect(cards).toHaveLength(500)
    const boxes = cards.map(pageBox)
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++)
        if (intersects(boxes[i]!, boxes[j]!)) expect.fail(`${cards[i]!.id} overlaps ${cards[j]!.id}`)
  })

  it('keeps every clustered card inside its cluster, below the title', () => {
    for (const c of cards.filter((s) => s.parentId !== PAGE)) {
      const parent = clusters.find((p) => p.id === c.parentId)!
      expect(contains({ x: 0, y: CLUSTER_INSET.top, w: parent.w, h: parent.h - CLUSTER_INSET.top }, c)).toBe(true)
    }
  })

  it('lets no cluster overlap another or a card of the collecting area', () => {
    for (let i = 0; i < clusters.length; i++)
      for (let j = i + 1; j < clusters.length; j++) expect(intersects(clusters[i]!, clusters[j]!)).toBe(false)
    for (const c of cards.filter((s) => s.parentId === PAGE))
      for (const cl of clusters) expect(intersects(c, cl)).toBe(false)
  })

  it('keeps the collecting area cards in its columns', () => {
    const { area } = collectingArea(shapes, PAGE)
    for (const c of cards.filter((s) => s.parentId === PAGE)) {
      expect(c.x).toBeGreaterThanOrEqual(area.x)
      expect(c.x + c.w).toBeLessThanOrEqual(area.x + area.w)
      expect(c.y).toBeGreaterThanOrEqual(area.y)
    }
  })

  it('comes out the same on every run', () => {
    expect(workshop(13)).toEqual(shapes)
  })
})
