const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1000],
]

/** "vor 3 Minuten" / "3 minutes ago"; "gerade eben" style for the last few seconds. */
export function formatRelativeTime(timestamp: number, now: number, language: string): string {
  const format = new Intl.RelativeTimeFormat(language, { numeric: 'auto' })
  const elapsed = timestamp - now
  if (Math.abs(elapsed) < 10_000) return format.format(0, 'second')
  for (const [unit, size] of UNITS) {
    if (Math.abs(elapsed) >= size || unit === 'second') return format.format(Math.round(elapsed / size), unit)
  }
  return format.format(0, 'second')
}
