import { describe, expect, it } from 'vitest'
import { BOARD_SHOWN, type ProjectorContext, projectorKey, readProjectorSection } from './projectorMode.ts'

const ctx = (patch: Partial<ProjectorContext> = {}): ProjectorContext => ({
  places: 3,
  pages: 1,
  shownPage: 0,
  tables: 0,
  ...patch,
})

describe('projectorKey', () => {
  const board = BOARD_SHOWN
  it('switches modes with B, C, R, J and W, in either case', () => {
    expect(projectorKey('c', board, ctx())).toMatchObject({ mode: 'countdown', shownPlaces: null })
    expect(projectorKey('J', board, ctx())).toMatchObject({ mode: 'join', shownPlaces: null })
    expect(projectorKey('r', board, ctx())).toMatchObject({ mode: 'results', shownPlaces: null })
    expect(projectorKey('w', board, ctx())).toMatchObject({ mode: 'walkthrough', step: 0 })
    expect(projectorKey('b', { ...board, mode: 'join' }, ctx())).toEqual(board)
    expect(projectorKey('x', board, ctx())).toBeNull()
  })

  it('steps through the results from the last place; the last step shows all', () => {
    const at = (shownPlaces: number | null) => ({ ...BOARD_SHOWN, mode: 'results' as const, shownPlaces })
    expect(projectorKey('ArrowRight', at(null), ctx())).toEqual(at(1))
    expect(projectorKey(' ', at(1), ctx())).toEqual(at(2))
    expect(projectorKey('PageDown', at(2), ctx())).toEqual(at(null))
    expect(projectorKey('ArrowLeft', at(null), ctx())).toEqual(at(2))
    expect(projectorKey('ArrowLeft', at(0), ctx())).toEqual(at(0))
    expect(projectorKey('a', at(1), ctx())).toEqual(at(null))
    // Arrows mean nothing on the board, the countdown or the join screen.
    expect(projectorKey('ArrowRight', board, ctx())).toBeNull()
  })

  it('turns the pages of a long ranking by hand once all places are out', () => {
    const all = { ...BOARD_SHOWN, mode: 'results' as const }
    expect(projectorKey('ArrowRight', all, ctx({ pages: 3, shownPage: 0 }))).toEqual({ ...all, page: 1 })
    expect(projectorKey('PageDown', all, ctx({ pages: 3, shownPage: 2 }))).toEqual({ ...all, page: 2 })
    expect(projectorKey('PageUp', { ...all, page: 2 }, ctx({ pages: 3, shownPage: 2 }))).toEqual({ ...all, page: 1 })
    expect(projectorKey('ArrowLeft', all, ctx({ pages: 3, shownPage: 0 }))).toEqual({ ...all, page: 0 })
    // While revealing place by place the arrows still reveal.
    const stepping = { ...all, shownPlaces: 1 }
    expect(projectorKey('ArrowRight', stepping, ctx({ pages: 3 }))).toMatchObject({ shownPlaces: 2, page: null })
  })

  it('goes from table to table in the walkthrough, never past the first or the last', () => {
    const at = (step: number) => ({ ...BOARD_SHOWN, mode: 'walkthrough' as const, step })
    expect(projectorKey('ArrowRight', at(0), ctx({ tables: 4 }))).toEqual(at(1))
    expect(projectorKey('PageDown', at(2), ctx({ tables: 4 }))).toEqual(at(3))
    expect(projectorKey('ArrowRight', at(3), ctx({ tables: 4 }))).toBeNull()
    expect(projectorKey('ArrowLeft', at(1), ctx({ tables: 4 }))).toEqual(at(0))
    expect(projectorKey('PageUp', at(0), ctx({ tables: 4 }))).toBeNull()
    expect(projectorKey('ArrowRight', at(0), ctx({ tables: 1 }))).toBeNull()
  })
})

describe('readProjectorSection', () => {
  it('reads a section and refuses what is not one', () => {
    expect(readProjectorSection({ mode: 'results', shownPlaces: 2, at: 5 })).toEqual({
      mode: 'results',
      shownPlaces: 2,
      at: 5,
    })
    expect(readProjectorSection({ mode: 'walkthrough', shownPlaces: null, step: 2, at: 5 })).toMatchObject({ step: 2 })
    expect(readProjectorSection({ mode: 'walkthrough', shownPlaces: null, step: -2, at: 5 })?.step).toBeUndefined()
    expect(readProjectorSection({ mode: 'results', shownPlaces: -1, at: 5 })?.shownPlaces).toBeNull()
    expect(readProjectorSection({ mode: 'disco', at: 5 })).toBeNull()
    expect(readProjectorSection({ mode: 'board' })).toBeNull()
    expect(readProjectorSection(null)).toBeNull()
  })
})
