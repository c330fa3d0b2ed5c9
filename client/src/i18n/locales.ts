import type { Language } from './languages.ts'

type Table = { [key: string]: string | Table }

// Each feature keeps its wording in its own file (de/voting.json, en/voting.json, …) so features
// can be worked on side by side; the files of one language are merged into one table here.
const files = {
  de: import.meta.glob<Table>('./de/*.json', { eager: true, import: 'default' }),
  en: import.meta.glob<Table>('./en/*.json', { eager: true, import: 'default' }),
} satisfies Record<Language, unknown>

/** Merges b into a; a key defined as text in two files is a mistake the i18n test reports. */
function merge(a: Table, b: Table, duplicates: string[], prefix = ''): Table {
  const out: Table = { ...a }
  for (const [key, value] of Object.entries(b)) {
    const existing = out[key]
    const path = prefix ? `${prefix}.${key}` : key
    if (existing === undefined) out[key] = value
    else if (typeof existing === 'object' && typeof value === 'object')
      out[key] = merge(existing, value, duplicates, path)
    else duplicates.push(path)
  }
  return out
}

function build(language: Language): { table: Table; duplicates: string[] } {
  const duplicates: string[] = []
  const table = Object.values(files[language]).reduce<Table>((all, file) => merge(all, file, duplicates), {})
  return { table, duplicates }
}

const built = { de: build('de'), en: build('en') }

/** The whole translation table of a language. */
export const translations: Record<Language, Table> = { de: built.de.table, en: built.en.table }

/** Keys defined in more than one file of a language (must stay empty). */
export const duplicateKeys: Record<Language, string[]> = { de: built.de.duplicates, en: built.en.duplicates }
