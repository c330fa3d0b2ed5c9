import { describe, expect, it } from 'vitest'
import { projectorKey, readProjectorSection } from './projectorMode.ts'

describe('projectorKey', () => {
  const board = { mode: 'board' as const, shownPlaces: null }
  it('switches modes with B, C, R and J, in either case', () => {
    expect(projectorKey('c', board, 3)).toEqual({ mode: 'countdown', shownPlaces: null })
    expect(projectorKey('J', board, 3)).toEqual({ mode: 'join', shownPlaces: null })
    expect(projectorKey('r', board, 3)).toEqual({ mode: 'results', shownPlaces: null })
    expect(projectorKey('b', { mode: 'join', shownPlaces: null }, 3)).toEqual(board)
    expect(projectorKey('x', board, 3)).toBeNull()
  })

  it('steps through the results from the last place; the last step shows all', () => {
    const at = (shownPlaces: number | null) => ({ mode: 'results' as const, shownPlaces })
    expect(projectorKey('ArrowRight', at(null), 3)).toEqual(at(1))
    expect(projectorKey(' ', at(1), 3)).toEqual(at(2))
    expect(projectorKey('PageDown', at(2), 3)).toEqual(at(null))
    expect(projectorKey('ArrowLeft', at(null), 3)).toEqual(at(2))
    expect(projectorKey('ArrowLeft', at(0), 3)).toEqual(at(0))
    expect(projectorKey('a', at(1), 3)).toEqual(at(null))
    // Arrows mean nothing outside the results.
    expect(projectorKey('ArrowRight', board, 3)).toBeNull()
  })
})

describe('readProjectorSection', () => {
  it('reads a section and refuses what is not one', () => {
    expect(readProjectorSection({ mode: 'results', shownPlaces: 2, at: 5 })).toEqual({
      mode: 'results',
      shownPlaces: 2,
      at: 5,
    })
    expect(readProjectorSection({ mode: 'results', shownPlaces: -1, at: 5 })?.shownPlaces).toBeNull()
    expect(readProjectorSection({ mode: 'disco', at: 5 })).toBeNull()
    expect(readProjectorSection({ mode: 'board' })).toBeNull()
    expect(readProjectorSection(null)).toBeNull()
  })
})
