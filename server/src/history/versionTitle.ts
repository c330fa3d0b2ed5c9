import type { BoardVersionDto } from '@pinnwand/shared/historyApi'

type Language = 'de' | 'en'

const phaseNames: Record<Language, Record<string, string>> = {
  de: { collect: 'Sammeln', cluster: 'Gruppieren', vote: 'Punktabfrage', results: 'Ergebnisse' },
  en: { collect: 'Collect', cluster: 'Cluster', vote: 'Dot voting', results: 'Results' },
}

const wording = {
  de: {
    phase: (phase: string) => `Phase gewechselt zu „${phase}“`,
    round: 'Abstimmungsrunde geöffnet',
    restore: (name: string) => `Vor Wiederherstellung von „${name}“`,
    undo: 'Vor dem Rückgängigmachen einer Wiederherstellung',
    massDelete: (n: number) => `Vor dem Löschen von ${n} ${n === 1 ? 'Karte' : 'Karten'}`,
  },
  en: {
    phase: (phase: string) => `Phase changed to “${phase}”`,
    round: 'Voting round opened',
    restore: (name: string) => `Before restoring “${name}”`,
    undo: 'Before undoing a restore',
    massDelete: (n: number) => `Before ${n} ${n === 1 ? 'card was' : 'cards were'} deleted`,
  },
} as const

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null)

/**
 * A version's title in the workshop's language, for what leaves the server (the JSON export).
 * Automatic versions are stored with their reason and details, so they are worded when read;
 * the same wording as the web app's (client/src/history/versionLabel.ts). Manual versions keep
 * the name the facilitator gave. Pure.
 */
export function versionTitle(version: Pick<BoardVersionDto, 'reason' | 'name' | 'detail'>, language: string): string {
  const lang: Language = language === 'en' ? 'en' : 'de'
  const say = wording[lang]
  const { detail } = version
  switch (version.reason) {
    case 'phase': {
      const phase = text(detail.phase)
      return phase ? say.phase(phaseNames[lang][phase] ?? phase) : version.name
    }
    case 'round':
      return say.round
    case 'mass_delete':
      return typeof detail.deletedCards === 'number' ? say.massDelete(detail.deletedCards) : version.name
    case 'restore': {
      const name = text(detail.restoredName)
      if (!name) return version.name
      const reason = text(detail.restoredReason)
      if (reason === 'restore') return say.undo
      if (!reason || reason === 'manual') return say.restore(name)
      const restored = { reason: reason as BoardVersionDto['reason'], name, detail: asRecord(detail.restoredDetail) }
      return say.restore(versionTitle(restored, lang))
    }
    default:
      return version.name
  }
}

const asRecord = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {}
