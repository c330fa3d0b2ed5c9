const DAY_MS = 24 * 60 * 60 * 1000

/**
 * When a workshop's join code stops working: `graceDays` full days after its date (a calendar
 * day, read as UTC, so the whole event day counts in every time zone of Europe). Workshops
 * without a date keep their code until they are deleted.
 */
export function joinCodeExpiresAt(date: string | null, graceDays: number): number | null {
  if (!date) return null
  const day = Date.parse(`${date}T00:00:00Z`)
  if (Number.isNaN(day)) return null
  return day + (graceDays + 1) * DAY_MS
}

export function isJoinCodeExpired(date: string | null, graceDays: number, nowMs: number): boolean {
  const expiresAt = joinCodeExpiresAt(date, graceDays)
  return expiresAt !== null && nowMs >= expiresAt
}
