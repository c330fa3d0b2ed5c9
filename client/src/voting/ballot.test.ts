import { describe, expect, it } from 'vitest'
import { checkTap, optimisticVotes, usedDots } from './ballot.ts'

const round = { status: 'open' as const, dotsPerParticipant: 3, maxPerIdea: 2, eligibleIdeaIds: ['a', 'b'] }

describe('optimisticVotes', () => {
  it('applies taps in flight on top of the confirmed ballot, never below zero', () => {
    const votes = optimisticVotes({ a: 1 }, [
      { requestId: '1', ideaId: 'a', delta: 1 },
      { requestId: '2', ideaId: 'b', delta: 1 },
      { requestId: '3', ideaId: 'b', delta: -1 },
      { requestId: '4', ideaId: 'b', delta: -1 },
    ])
    expect(votes).toEqual({ a: 2 })
    expect(usedDots(votes)).toBe(2)
  })
})

describe('checkTap (the server’s rules, checked before sending)', () => {
  it('lets a tap through when the rules allow it', () => {
    expect(checkTap(round, {}, 'a', 1)).toBeNull()
    expect(checkTap(round, { a: 1 }, 'a', -1)).toBeNull()
  })
  it('names why not, budget before cap', () => {
    expect(checkTap(round, { a: 2, b: 1 }, 'b', 1)).toBe('budget_exhausted')
    expect(checkTap(round, { a: 2 }, 'a', 1)).toBe('idea_cap_reached')
    expect(checkTap(round, {}, 'c', 1)).toBe('idea_not_eligible')
    expect(checkTap(round, {}, 'a', -1)).toBe('no_vote_to_remove')
    expect(checkTap({ ...round, status: 'closed' }, {}, 'a', 1)).toBe('round_not_open')
  })
  it('takes a dot back from a card outside the round (it must not be lost)', () => {
    expect(checkTap(round, { c: 1 }, 'c', -1)).toBeNull()
  })
  it('without a cap or selection, only the budget limits', () => {
    expect(checkTap({ ...round, maxPerIdea: null, eligibleIdeaIds: null }, { z: 2 }, 'z', 1)).toBeNull()
  })
})
