import { describe, expect, it } from 'vitest'
import { boardLock } from './boardLock.ts'

describe('boardLock', () => {
  it('names why participants cannot change the board', () => {
    expect(boardLock(null)).toEqual({ locked: false, reason: null })
    expect(boardLock({ locked: false, phase: 'collect' })).toEqual({ locked: false, reason: null })
    expect(boardLock({ locked: true, phase: 'collect' })).toEqual({ locked: true, reason: 'locked' })
    expect(boardLock({ locked: false, phase: 'vote', round: { status: 'open' } })).toEqual({
      locked: true,
      reason: 'round',
    })
    expect(boardLock({ locked: false, phase: 'vote', round: { status: 'closed' } })).toEqual({
      locked: false,
      reason: null,
    })
    // A manual lock wins: it stays after the round closes.
    expect(boardLock({ locked: true, phase: 'vote', round: { status: 'open' } }).reason).toBe('locked')
  })
})
