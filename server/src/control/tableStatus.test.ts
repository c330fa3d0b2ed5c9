import { IDLE_WARNING_MS } from '@pinnwand/shared/controlApi'
import { describe, expect, it } from 'vitest'
import type { VoterBallot } from '../voting/VotingStore.ts'
import { doneVoters, isIdle, notDone } from './tableStatus.ts'

const board = (phase: 'collect' | 'cluster' | 'vote' | 'results', lastActivityAt: number | null) => ({
  id: 'b1',
  title: 'Mobilität',
  phase,
  locked: false,
  ideaCount: 0,
  lastActivityAt,
  createdAt: 0,
})

const ballot = (voterId: string, votes: Record<string, number>, proxy = false): VoterBallot => ({
  voterId,
  name: voterId,
  votes,
  proxy,
})

describe('the control room’s table rules', () => {
  it('warns about a collecting table that has been quiet for 5 minutes, and only then', () => {
    const now = 10 * 60_000
    expect(isIdle(board('collect', now - IDLE_WARNING_MS + 1), now)).toBe(false)
    expect(isIdle(board('collect', now - IDLE_WARNING_MS), now)).toBe(true)
    // Never written on: counted from the table's creation.
    expect(isIdle(board('collect', null), now)).toBe(true)
    // Quiet while voting or clustering is no warning.
    expect(isIdle(board('vote', 0), now)).toBe(false)
    expect(isIdle(board('cluster', 0), now)).toBe(false)
  })

  it('counts as done whoever placed the whole budget; proxies are not among those present', () => {
    const ballots = [ballot('ada', { a: 2, b: 1 }), ballot('ben', { a: 1 }), ballot('p:weber', { a: 3 }, true)]
    expect(doneVoters(ballots, 3)).toBe(1)
    expect(doneVoters(ballots, 1)).toBe(2)
  })

  it('names the seated people whose budget is not spent, in seat order', () => {
    const seated = [
      { id: 'ada', name: 'Ada' },
      { id: 'ben', name: 'Ben' },
      { id: 'cem', name: 'Cem' },
    ]
    expect(notDone(seated, [ballot('ada', { a: 2 }), ballot('ben', { a: 1 })], 2)).toEqual(['Ben', 'Cem'])
    expect(notDone(seated, [], 2)).toEqual(['Ada', 'Ben', 'Cem'])
  })
})
