import type { HeldCardDto } from '@pinnwand/shared/moderation'
import { describe, expect, it } from 'vitest'
import { decisionsSince } from './heldCardsStore.ts'

const card = (id: string, status: HeldCardDto['status']): HeldCardDto => ({
  id,
  text: id,
  author: 'Pia',
  authorId: 'p1',
  status,
  reason: null,
  createdAt: 1,
  updatedAt: 1,
})

describe('decisions on a participant’s own held cards', () => {
  it('counts a waiting card that left as approved, one that turned rejected as rejected', () => {
    const before = [card('a', 'waiting'), card('b', 'waiting'), card('c', 'waiting'), card('d', 'rejected')]
    const after = [card('b', 'rejected'), card('c', 'waiting'), card('d', 'rejected'), card('e', 'waiting')]
    expect(decisionsSince(before, after)).toEqual({ approvedIds: ['a'], rejected: 1 })
  })

  it('counts nothing on the first read or when nothing changed', () => {
    expect(decisionsSince([], [card('a', 'waiting')])).toEqual({ approvedIds: [], rejected: 0 })
    expect(decisionsSince([card('a', 'waiting')], [card('a', 'waiting')])).toEqual({ approvedIds: [], rejected: 0 })
  })
})
