import './budgetDone.css'
import type { TFunction } from 'i18next'

/**
 * The budget line: "Noch 2 von 3 Punkten" while dots are left, "Fertig ✓" once all are placed —
 * a spent budget is not a green "0 left" but a person who is done (issue 16).
 */
export function budgetText(t: TFunction, remaining: number, total: number): string {
  return remaining <= 0 ? t('voting.budgetDone', { count: total }) : t('voting.remaining', { count: remaining, total })
}
