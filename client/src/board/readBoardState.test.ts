import { describe, expect, it } from 'vitest'
import { readBoardState } from './readBoardState.ts'

describe('readBoardState', () => {
  it('reads lock and phase and keeps further sections', () => {
    expect(readBoardState('{"locked":true,"phase":"vote","round":null}')).toEqual({
      locked: true,
      phase: 'vote',
      round: null,
    })
  })

  it('refuses anything else', () => {
    expect(readBoardState('nope')).toBeNull()
    expect(readBoardState('null')).toBeNull()
    expect(readBoardState('{"locked":"yes","phase":"vote"}')).toBeNull()
    expect(readBoardState('{"locked":false,"phase":"party"}')).toBeNull()
  })
})
