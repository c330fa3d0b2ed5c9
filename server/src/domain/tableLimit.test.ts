import { describe, expect, it } from 'vitest'
import { mayTakeSeat } from './tableLimit.ts'

describe('mayTakeSeat', () => {
  it('without a limit everyone may sit', () => {
    expect(mayTakeSeat({ maxParticipants: null, othersSeated: 500, alreadySeated: false })).toBe(true)
  })

  it('with a limit, new participants sit only while seats are free', () => {
    expect(mayTakeSeat({ maxParticipants: 2, othersSeated: 1, alreadySeated: false })).toBe(true)
    expect(mayTakeSeat({ maxParticipants: 2, othersSeated: 2, alreadySeated: false })).toBe(false)
  })

  it('someone already seated keeps the seat, even after the limit was lowered', () => {
    expect(mayTakeSeat({ maxParticipants: 1, othersSeated: 3, alreadySeated: true })).toBe(true)
  })
})
