/**
 * What people type off a table card: any case, with spaces or dashes ("abc-def", "ABC DEF").
 * Same rule as the server's, so a code typed here is looked up the way the server stores it.
 */
export function normalizeJoinCode(input: string): string {
  return input.toUpperCase().replace(/[\s\-‐-―]/g, '')
}

/** Codes are printed in two groups of three ("ABC DEF") so they are easy to read aloud. */
export function formatJoinCode(code: string): string {
  const normalized = normalizeJoinCode(code)
  return normalized.length === 6 ? `${normalized.slice(0, 3)} ${normalized.slice(3)}` : normalized
}

/** `/join/<code>`, optionally straight to one table: the URL a QR code on a table card encodes. */
export function joinUrl(origin: string, joinCode: string, boardId?: string): string {
  const base = `${origin}/join/${encodeURIComponent(normalizeJoinCode(joinCode))}`
  return boardId ? `${base}?board=${encodeURIComponent(boardId)}` : base
}
