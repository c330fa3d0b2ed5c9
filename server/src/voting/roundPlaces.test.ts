import { describe, expect, it } from 'vitest'
import { RoundPlaces } from './roundPlaces.ts'
import type { RoundRow } from './VotingStore.ts'

const round = (id: string, boardId = 'b1'): RoundRow => ({
  id,
  boardId,
  status: 'open',
  dotsPerParticipant: 3,
  maxPerIdea: null,
  ideaIds: ['i1'],
  anonymous: true,
  durationSeconds: null,
  openedAt: 1,
  closesAt: null,
  closedAt: null,
  revealedAt: null,
  pausedRemainingMs: null,
  facilitatorsVote: true,
})

describe('RoundPlaces', () => {
  it('reads a round once and answers from memory afterwards', async () => {
    const places = new RoundPlaces()
    let reads = 0
    const load = async () => {
      reads++
      return { round: round('r1'), workshopId: 'w1' }
    }
    const first = await places.of('r1', load)
    expect(first).toEqual({ roundId: 'r1', boardId: 'b1', workshopId: 'w1', facilitatorsVote: true, ideaIds: ['i1'] })
    expect(await places.of('r1', load)).toEqual(first)
    expect(reads).toBe(1)
  })

  it('does not remember a round that was not found, and forgets a deleted one', async () => {
    const places = new RoundPlaces()
    let exists = false
    let reads = 0
    const load = async () => {
      reads++
      return exists ? { round: round('r1'), workshopId: 'w1' } : null
    }
    expect(await places.of('r1', load)).toBeNull()
    exists = true
    expect(await places.of('r1', load)).not.toBeNull()
    places.forget('r1')
    exists = false
    expect(await places.of('r1', load)).toBeNull()
    expect(reads).toBe(3)
  })

  it('keeps at most its capacity, dropping the oldest', async () => {
    const places = new RoundPlaces(2)
    let reads = 0
    const load = (id: string) => async () => {
      reads++
      return { round: round(id), workshopId: 'w1' }
    }
    await places.of('r1', load('r1'))
    await places.of('r2', load('r2'))
    await places.of('r3', load('r3'))
    await places.of('r3', load('r3'))
    expect(reads).toBe(3)
    await places.of('r1', load('r1'))
    expect(reads).toBe(4)
  })
})
