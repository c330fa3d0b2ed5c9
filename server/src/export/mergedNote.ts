import type { ExportLanguage } from './labels.ts'

/** An idea merged into a card ("Doppelte zusammenführen"), as the report shows it. */
export interface ReportMergedIdea {
  text: string
  /** null when authors are hidden. */
  author: string | null
}

/** Characters of a merged idea's text the note quotes. */
const EXCERPT = 60

const excerpt = (text: string) => {
  const line = text.replace(/\s+/g, ' ').trim()
  return line.length > EXCERPT ? `${line.slice(0, EXCERPT - 1)}…` : line
}

/**
 * The note under an idea that stands for merged duplicates (issue 13: "the report says which
 * ideas were merged into it"): "Zusammengeführt aus 2 Ideen: „Radwege“ (Grace), „Mehr Radwege“
 * (Linus)". Empty when nothing was merged.
 */
export function mergedNote(merged: readonly ReportMergedIdea[] | undefined, language: ExportLanguage): string {
  if (!merged || merged.length === 0) return ''
  const en = language === 'en'
  const one = new Intl.PluralRules(language).select(merged.length) === 'one'
  const head = en
    ? `Merged from ${merged.length} ${one ? 'idea' : 'ideas'}`
    : `Zusammengeführt aus ${merged.length} ${one ? 'Idee' : 'Ideen'}`
  const quote = (text: string) => (en ? `“${excerpt(text)}”` : `„${excerpt(text)}“`)
  return `${head}: ${merged.map((idea) => (idea.author ? `${quote(idea.text)} (${idea.author})` : quote(idea.text))).join(', ')}`
}
