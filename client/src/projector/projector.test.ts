import { describe, expect, it } from 'vitest'
import { cameraToFit } from './cameraFit.ts'
import { rankingRows } from './rankingRows.ts'

/** Where a page point lands on screen with a tldraw camera. */
const toScreen = (cam: { x: number; y: number; z: number }, x: number, y: number) => ({
  x: (x + cam.x) * cam.z,
  y: (y + cam.y) * cam.z,
})

describe('cameraToFit', () => {
  it('shows the bounds whole and centred in the free part of the screen', () => {
    const region = { x: 0, y: 0, w: 1320, h: 1080 }
    const cam = cameraToFit({ x: 100, y: -200, w: 2000, h: 1000 }, region, { padding: 40 })
    const topLeft = toScreen(cam, 100, -200)
    const bottomRight = toScreen(cam, 2100, 800)
    expect(topLeft.x).toBeCloseTo(40)
    expect(bottomRight.x).toBeCloseTo(1280)
    // Centred vertically.
    expect((topLeft.y + bottomRight.y) / 2).toBeCloseTo(540)
    expect(topLeft.y).toBeGreaterThanOrEqual(40)
  })

  it('does not blow one small card up beyond the zoom limit', () => {
    const cam = cameraToFit({ x: 0, y: 0, w: 200, h: 150 }, { x: 0, y: 0, w: 1320, h: 1080 }, { maxZoom: 2 })
    expect(cam.z).toBe(2)
    expect(toScreen(cam, 100, 75)).toEqual({ x: 660, y: 540 })
  })
})

describe('rankingRows', () => {
  const entry = (ideaId: string, votes: number, rank: number) => ({ ideaId, text: ideaId, votes, rank })

  it('keeps ties as ties, also at the cut-off, and reveals the winner last', () => {
    const rows = rankingRows([entry('a', 9, 1), entry('b', 5, 2), entry('c', 5, 2), entry('d', 1, 4)], 2)
    expect(rows.map((r) => [r.ideaId, r.rank, r.tied])).toEqual([
      ['a', 1, false],
      ['b', 2, true],
      ['c', 2, true],
    ])
    expect(rows.map((r) => r.revealOrder)).toEqual([1, 0, 0])
    expect(rows[0]!.share).toBe(1)
    expect(rows[1]!.share).toBeCloseTo(5 / 9)
  })

  it('copes with no votes at all', () => {
    expect(rankingRows([], 10)).toEqual([])
    expect(rankingRows([entry('a', 0, 1)], 10)[0]!.share).toBe(0)
  })
})
