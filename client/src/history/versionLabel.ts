import { type BoardVersionDto, VersionReasonDto } from '@pinnwand/shared/historyApi'
import type { TFunction } from 'i18next'

type Translate = TFunction

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null)

/**
 * A version's title in the reader's language. Manual versions carry the facilitator's name;
 * automatic ones are worded from their reason and details (the server's English name is only
 * the fallback for details this client does not know).
 */
export function versionTitle(version: BoardVersionDto, t: Translate): string {
  const { detail } = version
  switch (version.reason) {
    case 'manual':
      return version.name
    case 'phase': {
      const phase = text(detail.phase)
      return phase ? t('history.reason.phase', { phase: t(`phase.${phase}`) }) : version.name
    }
    case 'round':
      return t('history.reason.round')
    case 'restore': {
      const name = text(detail.restoredName)
      if (!name) return version.name
      const reason = text(detail.restoredReason)
      // Restoring a "before restore" version is an undo; say so instead of nesting titles.
      if (reason === 'restore') return t('history.reason.undo')
      if (!reason || !(VersionReasonDto as readonly string[]).includes(reason)) {
        return t('history.reason.restore', { name })
      }
      const restored: BoardVersionDto = {
        ...version,
        reason: reason as BoardVersionDto['reason'],
        name,
        detail: (detail.restoredDetail ?? {}) as Record<string, unknown>,
      }
      return t('history.reason.restore', { name: versionTitle(restored, t) })
    }
    case 'mass_delete': {
      const count = typeof detail.deletedCards === 'number' ? detail.deletedCards : null
      return count !== null ? t('history.reason.massDelete', { count }) : version.name
    }
    default:
      return version.name
  }
}

/**
 * When a version was taken, short: the time for today, the date and time otherwise. Uses the
 * UI language's conventions (24-hour clock in German).
 */
export function formatVersionTime(createdAt: number, language: string, now = Date.now()): string {
  const when = new Date(createdAt)
  const today = new Date(now)
  const sameDay =
    when.getFullYear() === today.getFullYear() &&
    when.getMonth() === today.getMonth() &&
    when.getDate() === today.getDate()
  const time = new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit' }).format(when)
  if (sameDay) return time
  const date = new Intl.DateTimeFormat(language, { day: 'numeric', month: 'short' }).format(when)
  return `${date}, ${time}`
}
