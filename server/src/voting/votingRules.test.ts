import { describe, expect, it } from 'vitest'
import {
  decideVote,
  effectiveStatus,
  isAcceptingVotes,
  isEligible,
  rankIdeas,
  type RoundRules,
  usedDots,
} from './votingRules.ts'

const NOW = 1_000_000
const round = (overrides: Partial<RoundRules> = {}): RoundRules => ({
  status: 'open',
  dotsPerParticipant: 3,
  maxPerIdea: 2,
  closesAt: null,
  ...overrides,
})
const add = (ideaId: string, eligible = true) => ({ ideaId, delta: 1 as const, eligible })
const remove = (ideaId: string, eligible = true) => ({ ideaId, delta: -1 as const, eligible })

describe('decideVote', () => {
  it('places a dot and reports the remaining budget', () => {
    expect(decideVote(round(), {}, add('a'), NOW)).toEqual({ ok: true, myVotes: { a: 1 }, remaining: 2 })
    expect(decideVote(round(), { a: 1 }, add('b'), NOW)).toEqual({ ok: true, myVotes: { a: 1, b: 1 }, remaining: 1 })
  })

  it('does not modify the input', () => {
    const mine = { a: 1 }
    decideVote(round(), mine, add('a'), NOW)
    decideVote(round(), mine, remove('a'), NOW)
    expect(mine).toEqual({ a: 1 })
  })

  it('refuses beyond the budget', () => {
    expect(decideVote(round(), { a: 2, b: 1 }, add('c'), NOW)).toEqual({ ok: false, code: 'budget_exhausted' })
  })

  it('an idea id named like an object property reads no dots from the prototype (HTTP fuzz seed 55)', () => {
    expect(decideVote(round(), { a: 1 }, remove('__proto__'), NOW)).toEqual({ ok: false, code: 'no_vote_to_remove' })
    expect(decideVote(round(), { a: 1 }, remove('constructor'), NOW)).toEqual({ ok: false, code: 'no_vote_to_remove' })
    expect(decideVote(round(), { a: 1 }, add('toString', false), NOW)).toEqual({ ok: false, code: 'idea_not_eligible' })
  })

  it('refuses beyond the cap per idea', () => {
    expect(decideVote(round(), { a: 2 }, add('a'), NOW)).toEqual({ ok: false, code: 'idea_cap_reached' })
  })

  it('without a cap, all dots may go to one idea', () => {
    const r = round({ maxPerIdea: null })
    expect(decideVote(r, { a: 2 }, add('a'), NOW)).toEqual({ ok: true, myVotes: { a: 3 }, remaining: 0 })
    expect(decideVote(r, { a: 3 }, add('a'), NOW)).toEqual({ ok: false, code: 'budget_exhausted' })
  })

  it('names the exhausted budget before the cap', () => {
    expect(decideVote(round({ dotsPerParticipant: 2 }), { a: 2 }, add('a'), NOW)).toEqual({
      ok: false,
      code: 'budget_exhausted',
    })
  })

  it('refuses ineligible ideas when adding, but lets dots be taken back from them', () => {
    expect(decideVote(round(), {}, add('a', false), NOW)).toEqual({ ok: false, code: 'idea_not_eligible' })
    expect(decideVote(round(), { a: 1 }, remove('a', false), NOW)).toEqual({ ok: true, myVotes: {}, remaining: 3 })
  })

  it('removes dots and refuses to remove what is not there', () => {
    expect(decideVote(round(), { a: 2 }, remove('a'), NOW)).toEqual({ ok: true, myVotes: { a: 1 }, remaining: 2 })
    expect(decideVote(round(), { a: 2 }, remove('b'), NOW)).toEqual({ ok: false, code: 'no_vote_to_remove' })
    expect(decideVote(round(), {}, remove('b'), NOW)).toEqual({ ok: false, code: 'no_vote_to_remove' })
  })

  it('accepts nothing unless the round is open and its timer runs', () => {
    for (const status of ['closed', 'revealed'] as const) {
      expect(decideVote(round({ status }), {}, add('a'), NOW)).toEqual({ ok: false, code: 'round_not_open' })
      expect(decideVote(round({ status }), { a: 1 }, remove('a'), NOW)).toEqual({ ok: false, code: 'round_not_open' })
    }
    expect(decideVote(round({ closesAt: NOW }), {}, add('a'), NOW)).toEqual({ ok: false, code: 'round_not_open' })
    expect(decideVote(round({ closesAt: NOW + 1 }), {}, add('a'), NOW).ok).toBe(true)
  })

  it('a voter applying any sequence of taps never exceeds budget or cap', () => {
    const r = round({ dotsPerParticipant: 5, maxPerIdea: 2 })
    let mine = {}
    let seed = 42
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
    for (let i = 0; i < 2000; i++) {
      const ideaId = 'abcd'[Math.floor(random() * 4)]!
      const outcome = decideVote(r, mine, random() < 0.7 ? add(ideaId) : remove(ideaId), NOW)
      if (!outcome.ok) continue
      mine = outcome.myVotes
      expect(outcome.remaining).toBe(5 - usedDots(mine))
      expect(usedDots(mine)).toBeLessThanOrEqual(5)
      for (const n of Object.values(mine)) expect(n).toBeGreaterThan(0)
      for (const n of Object.values(mine)) expect(n).toBeLessThanOrEqual(2)
    }
  })
})

describe('round status', () => {
  it('an open round whose timer ran out counts as closed', () => {
    expect(effectiveStatus({ status: 'open', closesAt: NOW }, NOW)).toBe('closed')
    expect(effectiveStatus({ status: 'open', closesAt: NOW + 1 }, NOW)).toBe('open')
    expect(effectiveStatus({ status: 'open', closesAt: null }, NOW)).toBe('open')
    expect(effectiveStatus({ status: 'revealed', closesAt: 0 }, NOW)).toBe('revealed')
    expect(isAcceptingVotes({ status: 'open', closesAt: null }, NOW)).toBe(true)
  })
})

describe('isEligible', () => {
  const onBoard = new Set(['a', 'b'])
  it('needs the card on the board and, if the round names ideas, among them', () => {
    expect(isEligible('a', onBoard, null)).toBe(true)
    expect(isEligible('c', onBoard, null)).toBe(false)
    expect(isEligible('a', onBoard, ['a'])).toBe(true)
    expect(isEligible('b', onBoard, ['a'])).toBe(false)
    expect(isEligible('c', onBoard, ['c'])).toBe(false)
  })
})

describe('rankIdeas', () => {
  it('sorts by votes, keeps input order among equals, and ties share a rank', () => {
    const ideas = [
      { id: 'a', v: 1 },
      { id: 'b', v: 3 },
      { id: 'c', v: 1 },
      { id: 'd', v: 3 },
      { id: 'e', v: 0 },
    ]
    const ranked = rankIdeas(ideas, (i) => i.v)
    expect(ranked.map((r) => [r.item.id, r.votes, r.rank])).toEqual([
      ['b', 3, 1],
      ['d', 3, 1],
      ['a', 1, 3],
      ['c', 1, 3],
      ['e', 0, 5],
    ])
  })

  it('handles no ideas and all-equal ideas', () => {
    expect(rankIdeas([], () => 0)).toEqual([])
    expect(rankIdeas(['x', 'y'], () => 0).map((r) => r.rank)).toEqual([1, 1])
  })
})
