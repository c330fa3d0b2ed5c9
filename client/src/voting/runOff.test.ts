import { describe, expect, it } from 'vitest'
import { runOffFor } from './runOff.ts'

const entry = (ideaId: string, votes: number, rank: number) => ({ ideaId, text: ideaId, votes, rank })

describe('runOffFor', () => {
  const ranking = [
    entry('a', 9, 1),
    entry('b', 5, 2),
    entry('c', 4, 3),
    entry('d', 4, 3),
    entry('e', 4, 3),
    entry('f', 1, 6),
  ]

  it('takes exactly the ideas tied across the cut-off, with the places left for them', () => {
    expect(runOffFor(ranking, 3)).toEqual({ ideaIds: ['c', 'd', 'e'], places: 1 })
    expect(runOffFor(ranking, 4)).toEqual({ ideaIds: ['c', 'd', 'e'], places: 2 })
  })

  it('needs none when the cut-off falls between places', () => {
    expect(runOffFor(ranking, 2)).toBeNull()
    expect(runOffFor(ranking, 5)).toBeNull()
    expect(runOffFor(ranking, 10)).toBeNull()
  })

  it('ignores ideas without dots', () => {
    expect(runOffFor([entry('a', 2, 1), entry('b', 0, 2), entry('c', 0, 2)], 2)).toBeNull()
  })
})
