import { describe, expect, it } from 'vitest'
import { roundDto, roundResults, withRevealedVotes } from './roundView.ts'
import type { RoundRow, RoundTally, VoterBallot } from './VotingStore.ts'

const round = (overrides: Partial<RoundRow> = {}): RoundRow => ({
  id: 'r1',
  boardId: 'b1',
  status: 'closed',
  dotsPerParticipant: 3,
  maxPerIdea: null,
  ideaIds: null,
  anonymous: false,
  durationSeconds: null,
  openedAt: 100,
  closesAt: null,
  closedAt: 200,
  revealedAt: null,
  pausedRemainingMs: null,
  ...overrides,
})

const tally: RoundTally = {
  voters: 2,
  totalVotes: 5,
  ideas: [
    { ideaId: 'b', votes: 2, proxyVotes: 1, text: 'B then' },
    { ideaId: 'gone', votes: 2, proxyVotes: 0, text: 'Deleted card' },
    { ideaId: 'a', votes: 1, proxyVotes: 0, text: 'A then' },
  ],
}

const board = [
  { id: 'a', text: 'A now', createdAt: 10 },
  { id: 'b', text: 'B now', createdAt: 20 },
  { id: 'c', text: 'C', createdAt: 30 },
  { id: 'late', text: 'Added after the round', createdAt: 300 },
]

describe('roundResults', () => {
  it('ranks eligible cards and cards that got dots, with ties in board order and proxy votes marked', () => {
    const results = roundResults(round(), tally, board, 1000)
    expect(results.ranking).toEqual([
      { ideaId: 'b', text: 'B now', votes: 2, rank: 1, proxyVotes: 1 },
      { ideaId: 'gone', text: 'Deleted card', votes: 2, rank: 1 },
      { ideaId: 'a', text: 'A now', votes: 1, rank: 3 },
      { ideaId: 'c', text: 'C', votes: 0, rank: 4 },
    ])
    expect(results).toMatchObject({ status: 'closed', voters: 2, totalVotes: 5 })
    expect(results.ballots).toBeUndefined()
  })

  it('marks proxy ballots for the facilitator', () => {
    const ballots: VoterBallot[] = [
      { voterId: 'p_1', name: 'Ada', votes: { a: 1 }, proxy: false },
      { voterId: 'proxy:frau özdemir', name: 'Frau Özdemir', votes: { b: 1 }, proxy: true },
    ]
    const results = roundResults(round(), tally, board, 1000, ballots)
    expect(results.ballots).toEqual([
      { voterId: 'p_1', name: 'Ada', votes: { a: 1 } },
      { voterId: 'proxy:frau özdemir', name: 'Frau Özdemir', votes: { b: 1 }, proxy: true },
    ])
  })

  it('lists only the selected ideas when the round names them', () => {
    const results = roundResults(round({ ideaIds: ['a', 'c'] }), { voters: 0, totalVotes: 0, ideas: [] }, board, 1000)
    expect(results.ranking.map((r) => r.ideaId)).toEqual(['a', 'c'])
  })
})

describe('roundDto', () => {
  it('shows a timed-out open round as closed at its deadline, without the distribution', () => {
    const dto = roundDto(round({ status: 'open', closesAt: 500, closedAt: null }), tally, 600)
    expect(dto).toMatchObject({ status: 'closed', closedAt: 500, progress: { voters: 2, totalVotes: 5 } })
    expect(dto.results).toBeUndefined()
  })
})

describe('withRevealedVotes', () => {
  const ideas = [{ id: 'a', text: 'A', clusterId: null, author: 'Ada' }]
  it('adds votes per revealed round, and nothing without one', () => {
    expect(withRevealedVotes(ideas, [])).toEqual(ideas)
    expect(
      withRevealedVotes(ideas, [
        { roundId: 'r1', tally },
        { roundId: 'r2', tally: { ...tally, ideas: [] } },
      ]),
    ).toEqual([{ ...ideas[0], votes: { r1: 1, r2: 0 } }])
  })
})
