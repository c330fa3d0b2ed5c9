const TRANSLITERATION: Record<string, string> = {
  ä: 'ae',
  ö: 'oe',
  ü: 'ue',
  Ä: 'Ae',
  Ö: 'Oe',
  Ü: 'Ue',
  ß: 'ss',
  ı: 'i',
  ł: 'l',
  Ł: 'L',
}

/** An ASCII file name part: readable German transliteration, nothing a file system dislikes. */
export function safeFileName(name: string, fallback = 'board'): string {
  const ascii = name
    .replace(/[äöüÄÖÜßıłŁ]/g, (c) => TRANSLITERATION[c] ?? c)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 80)
  return ascii || fallback
}

/**
 * `content-disposition` for a download: an ASCII `filename` for old clients and the real
 * name as RFC 5987 `filename*` (UTF-8), so "Mobilität" stays "Mobilität" where supported.
 */
export function contentDisposition(name: string, extension: string): string {
  const ascii = `${safeFileName(name)}.${extension}`
  // eslint-disable-next-line no-control-regex -- control characters are what this replaces
  const utf8 = `${name.replace(/[\u0000-\u001F\u007F/\\:*?"<>|]+/g, '-').trim() || 'board'}.${extension}`
  const encoded = encodeURIComponent(utf8).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`
}
