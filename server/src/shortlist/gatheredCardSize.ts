/**
 * How big a gathered card on the plenary board is. The server writes these cards without a
 * browser to measure text in, so their height is estimated from the text, on the generous side:
 * a card a line too tall is fine, a card that cuts its idea is not. Matches the card's rendering
 * (client/src/shapes/ideaCardLayout.ts: 22 px text, line height 1.3, 16 px padding) plus the line
 * naming the table, rank and points under the text.
 */
export const GatheredCard = {
  width: 300,
  minHeight: 160,
  padding: 16,
  fontSize: 22,
  lineHeight: 1.3,
  /** The origin line ("Tisch 2 · Rang 1 · 5 Punkte") under the text. */
  originBlock: 40,
} as const

/** Rough advance widths in em of the card's sans-serif font, by kind of character. */
function charWidth(ch: string): number {
  if (/[iljtfr.,:;'!|()\s]/.test(ch)) return 0.32
  if (/[mwMW@]/.test(ch)) return 0.9
  if (/[A-ZÄÖÜ]/.test(ch)) return 0.7
  if (/[0-9]/.test(ch)) return 0.58
  if (/[\u{1F000}-\u{1FFFF}\u{2600}-\u{27BF}]/u.test(ch)) return 1.25
  return 0.56
}

/** Lines the text takes at `maxWidth` px: wrapped at spaces, long words broken (as the card's CSS does). */
export function estimateLines(text: string, maxWidth: number, fontSize: number): number {
  let lines = 0
  for (const paragraph of text.split('\n')) {
    lines++
    let line = 0
    for (const word of paragraph.split(/(?<= )/)) {
      const width = [...word].reduce((sum, ch) => sum + charWidth(ch) * fontSize, 0)
      if (line > 0 && line + width > maxWidth) {
        lines++
        line = 0
      }
      if (width > maxWidth) {
        // A word longer than the line breaks inside (overflow-wrap: break-word).
        const extra = Math.ceil(width / maxWidth) - 1
        lines += extra
        line = width - extra * maxWidth
      } else {
        line += width
      }
    }
  }
  return Math.max(1, lines)
}

/** Height of a gathered card showing all of `text` and its origin line. */
export function gatheredCardHeight(text: string): number {
  const { width, padding, fontSize, lineHeight, originBlock, minHeight } = GatheredCard
  const lines = estimateLines(text, width - 2 * padding, fontSize)
  return Math.max(minHeight, Math.ceil(2 * padding + lines * fontSize * lineHeight + originBlock))
}
