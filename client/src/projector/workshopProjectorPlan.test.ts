import { describe, expect, it } from 'vitest'
import { cycleIndex, parsePlan, projectorLink } from './workshopProjectorPlan.ts'

describe('the workshop projector plan', () => {
  it('round-trips through the link', () => {
    for (const plan of [
      { show: 'cycle', seconds: 45 },
      { show: 'table', boardId: 'b_1' },
      { show: 'plenary' },
    ] as const) {
      const link = new URL(projectorLink('http://venue.local', 'w_1', 'tok', plan))
      expect(link.pathname).toBe('/w/w_1/projector')
      expect(link.searchParams.get('token')).toBe('tok')
      expect(parsePlan(link.searchParams)).toEqual(plan)
    }
  })

  it('keeps a hand-edited interval within 10…600 s, and reads an old link as no plan', () => {
    expect(parsePlan(new URLSearchParams('show=cycle&seconds=1'))).toEqual({ show: 'cycle', seconds: 10 })
    expect(parsePlan(new URLSearchParams('show=cycle&seconds=99999'))).toEqual({ show: 'cycle', seconds: 600 })
    expect(parsePlan(new URLSearchParams('show=cycle&seconds=abc'))).toEqual({ show: 'cycle', seconds: 30 })
    expect(parsePlan(new URLSearchParams('show=table'))).toBeNull()
    expect(parsePlan(new URLSearchParams('token=t'))).toBeNull()
    expect(parsePlan(new URLSearchParams('show=<script>'))).toBeNull()
  })

  it('shows each table for the interval, then the next, and starts over', () => {
    expect([0, 29_999, 30_000, 60_000, 90_000].map((ms) => cycleIndex(3, 30, ms))).toEqual([0, 0, 1, 2, 0])
    expect(cycleIndex(0, 30, 1000)).toBe(0)
  })
})
