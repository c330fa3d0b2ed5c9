import { describe, expect, it } from 'vitest'
import { formatCommentTime } from './formatCommentTime.ts'

describe('formatCommentTime', () => {
  const now = new Date(2026, 4, 12, 15, 30).getTime()

  it('shows only the time for comments of today', () => {
    expect(formatCommentTime(new Date(2026, 4, 12, 9, 5).getTime(), 'de', now)).toBe('09:05')
  })

  it('adds the date for older comments, in the UI language', () => {
    const older = new Date(2026, 4, 10, 9, 5).getTime()
    expect(formatCommentTime(older, 'de', now)).toMatch(/10\. Mai.*09:05/)
    expect(formatCommentTime(older, 'en', now)).toMatch(/May 10.*09:05/)
  })
})
