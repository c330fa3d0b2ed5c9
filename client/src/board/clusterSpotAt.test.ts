import { describe, expect, it } from 'vitest'
import { clusterSpotAt, type Rect } from './clusterSpotAt.ts'

const size = { w: 600, h: 420 }
const overlaps = (a: Rect, b: Rect) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h

describe('clusterSpotAt', () => {
  it('puts the cluster under the click, title at the pointer, when the spot is free', () => {
    expect(clusterSpotAt({ x: 1000, y: 500 }, size, [{ x: 0, y: 0, w: 200, h: 200 }])).toEqual({ x: 700, y: 468 })
  })

  it('moves to the nearest free spot when the click lands on something, covering nothing', () => {
    const card = { x: 900, y: 450, w: 260, h: 160 }
    const spot = clusterSpotAt({ x: 1000, y: 500 }, size, [card])
    expect(overlaps({ ...spot, ...size }, card)).toBe(false)
    // Near the click, not somewhere far away.
    expect(Math.hypot(spot.x - 700, spot.y - 468)).toBeLessThan(800)
  })

  it('finds a gap between existing clusters and never overlaps any of them', () => {
    const clusters: Rect[] = []
    for (let row = 0; row < 4; row++)
      for (let col = 0; col < 4; col++)
        if (!(row === 1 && col === 2)) clusters.push({ x: col * 700, y: row * 520, w: 600, h: 420 })
    const spot = clusterSpotAt({ x: 1700, y: 700 }, size, clusters)
    for (const cluster of clusters) expect(overlaps({ ...spot, ...size }, cluster)).toBe(false)
  })

  it('falls back to below everything when the neighbourhood is full', () => {
    const wall = { x: -10_000, y: -10_000, w: 20_000, h: 20_000 }
    expect(clusterSpotAt({ x: 0, y: 0 }, size, [wall])).toEqual({ x: -300, y: 10_024 })
  })
})
