import { describe, expect, it } from 'vitest'
import { mergeIntoShortlist, topIdeas, uniqueInOrder } from './shortlistRules.ts'

const ranking = (votes: number[]) => {
  // Competition ranks as roundResults computes them.
  const out: { ideaId: string; votes: number; rank: number }[] = []
  votes.forEach((v, i) =>
    out.push({ ideaId: `i${i}`, votes: v, rank: out[i - 1]?.votes === v ? out[i - 1]!.rank : i + 1 }),
  )
  return out
}

describe('topIdeas', () => {
  it('takes the first n ranks', () => {
    expect(topIdeas(ranking([9, 7, 5, 3]), 3).map((e) => e.ideaId)).toEqual(['i0', 'i1', 'i2'])
  })

  it('keeps ties at the boundary together', () => {
    expect(topIdeas(ranking([9, 7, 5, 5, 1]), 3).map((e) => e.ideaId)).toEqual(['i0', 'i1', 'i2', 'i3'])
    expect(topIdeas(ranking([4, 4, 4, 1]), 1).map((e) => e.ideaId)).toEqual(['i0', 'i1', 'i2'])
  })

  it('never promotes ideas without dots', () => {
    expect(topIdeas(ranking([2, 0, 0]), 3).map((e) => e.ideaId)).toEqual(['i0'])
    expect(topIdeas(ranking([]), 3)).toEqual([])
    expect(topIdeas(ranking([5]), 0)).toEqual([])
  })
})

describe('mergeIntoShortlist', () => {
  it('keeps what is listed in place and appends new ideas in order', () => {
    expect(mergeIntoShortlist(['x', 'a'], ['a', 'b', 'c'])).toEqual(['x', 'a', 'b', 'c'])
  })

  it('is idempotent', () => {
    const once = mergeIntoShortlist([], ['a', 'b'])
    expect(mergeIntoShortlist(once, ['a', 'b'])).toEqual(once)
  })
})

describe('uniqueInOrder', () => {
  it('drops repeats, first one wins', () => {
    expect(uniqueInOrder(['b', 'a', 'b', 'c', 'a'])).toEqual(['b', 'a', 'c'])
  })
})
