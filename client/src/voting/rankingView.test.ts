import { describe, expect, it } from 'vitest'
import { rankingRows, topRanked } from './rankingView.ts'

const ranking = [
  { ideaId: 'a', text: 'A', votes: 5, rank: 1 },
  { ideaId: 'b', text: 'B', votes: 3, rank: 2 },
  { ideaId: 'c', text: 'C', votes: 3, rank: 2 },
  { ideaId: 'd', text: 'D', votes: 1, rank: 4 },
  { ideaId: 'e', text: 'E', votes: 0, rank: 5 },
]

describe('rankingRows', () => {
  it('marks ties and sets ideas without dots apart', () => {
    const { voted, withoutDots } = rankingRows(ranking)
    expect(voted.map((r) => [r.ideaId, r.rank, r.tied])).toEqual([
      ['a', 1, false],
      ['b', 2, true],
      ['c', 2, true],
      ['d', 4, false],
    ])
    expect(withoutDots.map((r) => r.ideaId)).toEqual(['e'])
  })
})

describe('topRanked', () => {
  it('keeps ties at the boundary, like the server', () => {
    expect(topRanked(ranking, 2)).toEqual(['a', 'b', 'c'])
    expect(topRanked(ranking, 1)).toEqual(['a'])
    expect(topRanked(ranking, 9)).toEqual(['a', 'b', 'c', 'd'])
  })
})
