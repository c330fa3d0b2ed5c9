import { describe, expect, it } from 'vitest'
import { formatRelativeTime } from './formatRelativeTime.ts'

describe('formatRelativeTime', () => {
  const now = 1_700_000_000_000
  it('says "now" for the last seconds and picks the largest sensible unit', () => {
    expect(formatRelativeTime(now - 3000, now, 'en')).toBe('now')
    expect(formatRelativeTime(now - 45_000, now, 'en')).toBe('45 seconds ago')
    expect(formatRelativeTime(now - 5 * 60_000, now, 'en')).toBe('5 minutes ago')
    expect(formatRelativeTime(now - 2 * 3_600_000, now, 'de')).toBe('vor 2 Stunden')
  })
})
