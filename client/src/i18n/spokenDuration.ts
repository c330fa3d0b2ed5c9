import type { TFunction } from 'i18next'

/**
 * "3 Minuten 1 Sekunde" / "1 minute 5 seconds" for screen readers: each number with its own
 * plural form (one sentence with two numbers cannot be pluralised as a whole).
 */
export function spokenDuration(t: TFunction, minutes: number, seconds: number): string {
  const parts = [t('duration.seconds', { count: seconds })]
  if (minutes > 0) parts.unshift(t('duration.minutes', { count: minutes }))
  return parts.join(' ')
}
