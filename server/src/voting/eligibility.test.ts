import { describe, expect, it } from 'vitest'
import { resolveEligibleIdeas } from './eligibility.ts'

const ideas = [
  { id: 'a', clusterId: 'mobility' },
  { id: 'b', clusterId: 'mobility' },
  { id: 'c', clusterId: 'green' },
  { id: 'd', clusterId: null },
]
const clusters = new Set(['mobility', 'green', 'empty'])

describe('resolveEligibleIdeas', () => {
  it('means every idea when nothing narrows the round', () => {
    expect(resolveEligibleIdeas(ideas, clusters, {})).toEqual({ ok: true, ideaIds: null })
  })

  it('resolves clusters to the ideas inside them, in board order', () => {
    expect(resolveEligibleIdeas(ideas, clusters, { clusterIds: ['green', 'mobility'] })).toEqual({
      ok: true,
      ideaIds: ['a', 'b', 'c'],
    })
  })

  it('unites named ideas and clusters without duplicates', () => {
    expect(resolveEligibleIdeas(ideas, clusters, { ideaIds: ['d', 'a', 'd'], clusterIds: ['mobility'] })).toEqual({
      ok: true,
      ideaIds: ['a', 'b', 'd'],
    })
  })

  it('refuses unknown ideas and clusters instead of ignoring them', () => {
    expect(resolveEligibleIdeas(ideas, clusters, { ideaIds: ['a', 'zz'], clusterIds: ['nope'] })).toEqual({
      ok: false,
      unknownIdeas: ['zz'],
      unknownClusters: ['nope'],
      empty: false,
    })
  })

  it('refuses a round whose clusters hold no ideas', () => {
    expect(resolveEligibleIdeas(ideas, clusters, { clusterIds: ['empty'] })).toEqual({
      ok: false,
      unknownIdeas: [],
      unknownClusters: [],
      empty: true,
    })
  })
})
