import { describe, expect, it } from 'vitest'
import { CARD_GAP, CARD_SIZE } from './geometry.ts'
import { type GrowableShape, GROWTH_REACH, growClusters } from './growClusters.ts'
import { CLUSTER_INSET } from './tidy.ts'

const PAGE = 'page:page'
const cluster = (id: string, y: number, extra: Partial<GrowableShape> = {}): GrowableShape => ({
  id,
  type: 'cluster',
  parentId: PAGE,
  x: 1500,
  y,
  w: 600,
  h: 424,
  ...extra,
})
const card = (id: string, parentId: string, x: number, y: number): GrowableShape => ({
  id,
  type: 'idea-card',
  parentId,
  x,
  y,
  ...CARD_SIZE,
})
// A full cluster of 600 × 424: two rows of two; a participant's card took a third row below the edge.
const full = (id: string) => [
  card(`${id}-1`, id, 16, 64),
  card(`${id}-2`, id, 300, 64),
  card(`${id}-3`, id, 16, 248),
  card(`${id}-4`, id, 300, 248),
]

describe('growClusters', () => {
  it('grows a cluster to hold the card below its edge and pushes the cluster below down', () => {
    const shapes = [
      cluster('shape:a', 0),
      cluster('shape:b', 424 + CARD_GAP),
      ...full('shape:a'),
      card('shape:new', 'shape:a', 16, 432),
    ]
    const { sizes, positions } = growClusters(shapes, ['shape:a'])
    const grownHeight = 432 + CARD_SIZE.h + CLUSTER_INSET.bottom
    expect(sizes.get('shape:a')).toEqual({ w: 600, h: grownHeight })
    expect(positions.get('shape:b')).toEqual({ x: 1500, y: grownHeight + CARD_GAP })
    expect(positions.has('shape:a')).toBe(false)
  })

  it('changes nothing when every card already lies inside', () => {
    const shapes = [cluster('shape:a', 0), cluster('shape:b', 300), ...full('shape:a')]
    // b overlaps a already (someone placed it so); growth alone does not rearrange the board.
    const growth = growClusters(shapes, ['shape:a', 'shape:b'])
    expect(growth.sizes.size).toBe(0)
    expect(growth.positions.size).toBe(0)
  })

  it('never shrinks a cluster and ignores ids that are not clusters or do not exist', () => {
    const shapes = [cluster('shape:a', 0, { h: 2000 }), card('shape:c', 'shape:a', 16, 64)]
    const growth = growClusters(shapes, ['shape:a', 'shape:c', 'shape:gone'])
    expect(growth.sizes.size).toBe(0)
  })

  it('keeps a locked cluster in place: the grown one moves below it instead', () => {
    const shapes = [
      cluster('shape:a', 0),
      cluster('shape:locked', 424 + CARD_GAP, { locked: true }),
      ...full('shape:a'),
      card('shape:new', 'shape:a', 16, 432),
    ]
    const { positions } = growClusters(shapes, ['shape:a'])
    expect(positions.has('shape:locked')).toBe(false)
    expect(positions.get('shape:a')).toEqual({ x: 1500, y: 424 + CARD_GAP + 424 + CARD_GAP })
  })

  it('ignores a card written far below the edge (it would push every cluster out of sight)', () => {
    const shapes = [cluster('shape:a', 0), ...full('shape:a'), card('shape:far', 'shape:a', 16, 50_000)]
    expect(growClusters(shapes, ['shape:a']).sizes.size).toBe(0)
    // One row below the edge is what an honest drop into a full cluster produces.
    const nextRow = [cluster('shape:a', 0), ...full('shape:a'), card('shape:row', 'shape:a', 16, 424 + GROWTH_REACH.y)]
    expect(growClusters(nextRow, ['shape:a']).sizes.get('shape:a')?.h).toBe(424 + GROWTH_REACH.y + CARD_SIZE.h + 16)
  })

  it('does not grow around a card held still in the middle of a drag (off the column grid)', () => {
    const shapes = [cluster('shape:a', 0), ...full('shape:a'), card('shape:dragged', 'shape:a', 423, 380)]
    expect(growClusters(shapes, ['shape:a']).sizes.size).toBe(0)
    // Where the drop puts it (the next row, first column), it counts.
    const dropped = [cluster('shape:a', 0), ...full('shape:a'), card('shape:dragged', 'shape:a', 16, 432)]
    expect(growClusters(dropped, ['shape:a']).sizes.size).toBe(1)
  })

  it('leaves clusters of another page alone', () => {
    const shapes = [
      cluster('shape:a', 0),
      { ...cluster('shape:other', 500), parentId: 'page:2' },
      ...full('shape:a'),
      card('shape:new', 'shape:a', 16, 432),
    ]
    expect(growClusters(shapes, ['shape:a']).positions.size).toBe(0)
  })
})
