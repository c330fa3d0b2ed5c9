import type { BoardVersionDto } from '@pinnwand/shared/historyApi'
import type { TFunction } from 'i18next'
import { describe, expect, it } from 'vitest'
import { formatVersionTime, versionTitle } from './versionLabel.ts'

const t = ((key: string, values?: Record<string, unknown>) =>
  values ? `${key} ${JSON.stringify(values)}` : key) as unknown as TFunction

const version = (
  reason: BoardVersionDto['reason'],
  detail: Record<string, unknown>,
  name = 'server name',
): BoardVersionDto => ({
  id: 'ver_1',
  name,
  reason,
  createdAt: 0,
  createdBy: null,
  recordCount: 3,
  ideaCount: 1,
  detail,
})

describe('versionTitle', () => {
  it('words each reason in the UI language, from the details', () => {
    expect(versionTitle(version('manual', {}, 'Vor der Pause'), t)).toBe('Vor der Pause')
    expect(versionTitle(version('phase', { phase: 'vote' }), t)).toBe('history.reason.phase {"phase":"phase.vote"}')
    expect(versionTitle(version('round', { roundId: 'r_1' }), t)).toBe('history.reason.round')
    expect(versionTitle(version('restore', { restoredName: 'Mittag' }), t)).toBe(
      'history.reason.restore {"name":"Mittag"}',
    )
    expect(versionTitle(version('mass_delete', { deletedCards: 12 }), t)).toBe('history.reason.massDelete {"count":12}')
  })

  it('words a restored automatic version in the UI language, and an undo as such', () => {
    const restoredMassDelete = version('restore', {
      restoredName: 'Before 12 cards were deleted',
      restoredReason: 'mass_delete',
      restoredDetail: { deletedCards: 12 },
    })
    expect(versionTitle(restoredMassDelete, t)).toBe(
      `history.reason.restore ${JSON.stringify({ name: 'history.reason.massDelete {"count":12}' })}`,
    )
    expect(versionTitle(version('restore', { restoredName: 'x', restoredReason: 'restore' }), t)).toBe(
      'history.reason.undo',
    )
  })

  it("falls back to the server's name when details are missing", () => {
    expect(versionTitle(version('phase', {}), t)).toBe('server name')
    expect(versionTitle(version('mass_delete', { deletedCards: 'x' }), t)).toBe('server name')
  })
})

describe('formatVersionTime', () => {
  const now = new Date(2026, 5, 12, 15, 0).getTime()
  it('shows only the time for today', () => {
    expect(formatVersionTime(new Date(2026, 5, 12, 9, 5).getTime(), 'de', now)).toBe('09:05')
  })
  it('adds the date for other days', () => {
    const text = formatVersionTime(new Date(2026, 5, 11, 17, 30).getTime(), 'de', now)
    expect(text).toContain('11')
    expect(text).toContain('17:30')
  })
})
