import type { BoardStateMessage } from '@pinnwand/shared/boardState'
import { describe, expect, it } from 'vitest'
import { liveTableNumber } from './liveTableNumber.ts'

const state = (extra: Record<string, unknown>) => ({ locked: false, phase: 'collect', ...extra }) as BoardStateMessage

describe('liveTableNumber', () => {
  it('takes the number the organiser set while the page was open', () => {
    expect(liveTableNumber(3, state({ table: { number: 1 } }))).toBe(1)
  })
  it('keeps the loaded number without such a change, or when the section is malformed', () => {
    expect(liveTableNumber(3, null)).toBe(3)
    expect(liveTableNumber(3, state({}))).toBe(3)
    expect(liveTableNumber(3, state({ table: { number: 'eins' } }))).toBe(3)
    expect(liveTableNumber(3, state({ table: 'x' }))).toBe(3)
  })
})
