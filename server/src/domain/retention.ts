import type { RetentionResponse } from '@pinnwand/shared/privacyApi'
import type { RetentionCandidate } from '../store/Store.ts'

const DAY_MS = 86_400_000

/**
 * The day from which a workshop is deleted: `retentionDays` (or the server's default) after its
 * date — the day of the event, so organisers have the whole period for the record — or after
 * the day it was created when it has no date. Dates are calendar days (UTC), as entered.
 */
export function deletionDay(workshop: Omit<RetentionCandidate, 'id'>, defaultDays: number): string {
  const days = workshop.retentionDays ?? defaultDays
  const from = workshop.date ? Date.parse(`${workshop.date}T00:00:00Z`) : startOfUtcDay(workshop.createdAt)
  return new Date(from + days * DAY_MS).toISOString().slice(0, 10)
}

/** Due once the deletion day has begun (UTC). */
export function isDue(workshop: Omit<RetentionCandidate, 'id'>, defaultDays: number, now: number): boolean {
  return Date.parse(`${deletionDay(workshop, defaultDays)}T00:00:00Z`) <= now
}

function startOfUtcDay(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS
}

/** What the API and the dashboard show about a workshop's retention. */
export function retentionInfo(workshop: Omit<RetentionCandidate, 'id'>, defaultDays: number): RetentionResponse {
  return {
    days: workshop.retentionDays ?? defaultDays,
    isDefault: workshop.retentionDays === null,
    deleteOn: deletionDay(workshop, defaultDays),
  }
}
