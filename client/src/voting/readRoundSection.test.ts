import { describe, expect, it } from 'vitest'
import { isEligibleIdea, readRoundSection, roundTimer } from './readRoundSection.ts'

const valid = {
  id: 'r1',
  status: 'open',
  dotsPerParticipant: 3,
  maxPerIdea: null,
  eligibleIdeaIds: ['a'],
  anonymous: true,
  closesAt: 5000,
  pausedRemainingMs: null,
  voters: 2,
  totalVotes: 4,
}

describe('readRoundSection', () => {
  it('reads a round section and ignores what is not one', () => {
    expect(readRoundSection(valid)).toEqual(valid)
    // An older server without the pause field.
    const { pausedRemainingMs: _, ...old } = valid
    expect(readRoundSection(old)?.pausedRemainingMs).toBeNull()
    for (const broken of [
      null,
      'x',
      { ...valid, status: 'weird' },
      { ...valid, voters: -1 },
      { ...valid, eligibleIdeaIds: [1] },
    ]) {
      expect(readRoundSection(broken)).toBeNull()
    }
  })

  it('knows eligibility and the timer', () => {
    expect(isEligibleIdea({ eligibleIdeaIds: null }, 'z')).toBe(true)
    expect(isEligibleIdea({ eligibleIdeaIds: ['a'] }, 'z')).toBe(false)
    expect(roundTimer(readRoundSection(valid))).toMatchObject({ running: true, endsAt: 5000 })
    expect(roundTimer(readRoundSection({ ...valid, closesAt: null, pausedRemainingMs: 1200 }))).toMatchObject({
      running: false,
      remainingMs: 1200,
    })
    expect(roundTimer(readRoundSection({ ...valid, closesAt: null }))).toBeNull()
    expect(roundTimer(readRoundSection({ ...valid, status: 'closed' }))).toBeNull()
  })
})
