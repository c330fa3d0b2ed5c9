import { describe, expect, it } from 'vitest'
import { formatJoinCode, joinUrl, normalizeJoinCode } from './joinCode.ts'

describe('normalizeJoinCode', () => {
  it('ignores case, spaces and dashes', () => {
    expect(normalizeJoinCode('abc-def')).toBe('ABCDEF')
    expect(normalizeJoinCode(' abc def ')).toBe('ABCDEF')
    expect(normalizeJoinCode('a b\tc–d-e f')).toBe('ABCDEF')
    expect(normalizeJoinCode('ABCDEF')).toBe('ABCDEF')
  })

  it('keeps other characters for the server to reject', () => {
    expect(normalizeJoinCode('ab/cd')).toBe('AB/CD')
  })
})

describe('formatJoinCode', () => {
  it('prints six-letter codes in two groups', () => {
    expect(formatJoinCode('abcdef')).toBe('ABC DEF')
    expect(formatJoinCode('ABCD')).toBe('ABCD')
  })
})

describe('joinUrl', () => {
  it('points at the join page, optionally with a table', () => {
    expect(joinUrl('http://host:8080', 'abc-def')).toBe('http://host:8080/join/ABCDEF')
    expect(joinUrl('http://host', 'ABCDEF', 'b_1')).toBe('http://host/join/ABCDEF?board=b_1')
  })
})
