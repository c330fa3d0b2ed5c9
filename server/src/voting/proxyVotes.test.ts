import { describe, expect, it } from 'vitest'
import { decideVote } from './votingRules.ts'
import { displayProxyName, isProxyVoter, proxyVoterId } from './proxyVotes.ts'

describe('proxy voters', () => {
  it('are one voter per name, however it is typed', () => {
    expect(proxyVoterId(' Frau  Özdemir ')).toBe(proxyVoterId('frau özdemir'))
    // Composed and decomposed umlauts are the same name.
    expect(proxyVoterId('Jürgen')).toBe(proxyVoterId('Ju\u0308rgen'))
    expect(proxyVoterId('Anna')).not.toBe(proxyVoterId('Anne'))
    expect(displayProxyName('  Frau   Özdemir ')).toBe('Frau Özdemir')
  })

  it('never collide with participant or facilitator ids', () => {
    expect(isProxyVoter(proxyVoterId('Ada'))).toBe(true)
    expect(isProxyVoter('p_c3VwZXJzZWNyZXQ')).toBe(false)
    expect(isProxyVoter('f_abc')).toBe(false)
  })

  it('each get their own budget: the budget rule sees only that name’s dots', () => {
    const round = { status: 'open' as const, dotsPerParticipant: 2, maxPerIdea: null, closesAt: null }
    const ballots = new Map<string, Record<string, number>>()
    const tap = (name: string, ideaId: string) => {
      const voter = proxyVoterId(name)
      const outcome = decideVote(round, ballots.get(voter) ?? {}, { ideaId, delta: 1, eligible: true }, 0)
      if (outcome.ok) ballots.set(voter, outcome.myVotes)
      return outcome.ok ? 'ok' : outcome.code
    }
    expect([tap('Anna', 'x'), tap('anna', 'y'), tap('ANNA ', 'z')]).toEqual(['ok', 'ok', 'budget_exhausted'])
    expect([tap('Bernd', 'x'), tap('Bernd', 'x')]).toEqual(['ok', 'ok'])
  })
})
