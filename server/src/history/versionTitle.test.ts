import { describe, expect, it } from 'vitest'
import { versionTitle } from './versionTitle.ts'

describe('versionTitle: automatic versions in the workshop language', () => {
  it('words phase, round and mass-delete versions in German and English', () => {
    const phase = { reason: 'phase' as const, name: 'Phase changed to cluster', detail: { phase: 'cluster' } }
    expect(versionTitle(phase, 'de')).toBe('Phase gewechselt zu „Gruppieren“')
    expect(versionTitle(phase, 'en')).toBe('Phase changed to “Cluster”')
    expect(versionTitle({ reason: 'round', name: 'Voting round opened', detail: {} }, 'de')).toBe(
      'Abstimmungsrunde geöffnet',
    )
    const massDelete = (n: number) => ({ reason: 'mass_delete' as const, name: 'x', detail: { deletedCards: n } })
    expect(versionTitle(massDelete(1), 'de')).toBe('Vor dem Löschen von 1 Karte')
    expect(versionTitle(massDelete(12), 'de')).toBe('Vor dem Löschen von 12 Karten')
    expect(versionTitle(massDelete(12), 'en')).toBe('Before 12 cards were deleted')
  })

  it('keeps a manual name, and words a restore of an automatic version', () => {
    expect(versionTitle({ reason: 'manual', name: 'Nach der Pause', detail: {} }, 'en')).toBe('Nach der Pause')
    const restore = {
      reason: 'restore' as const,
      name: 'Before restoring Phase changed to vote',
      detail: { restoredName: 'Phase changed to vote', restoredReason: 'phase', restoredDetail: { phase: 'vote' } },
    }
    expect(versionTitle(restore, 'de')).toBe('Vor Wiederherstellung von „Phase gewechselt zu „Punktabfrage““')
  })
})
