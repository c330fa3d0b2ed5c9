import { describe, expect, it } from 'vitest'
import { duplicateKeys, translations } from './locales.ts'
import { detectLanguage } from './setupI18n.ts'

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix]
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k))
}

// Every source file of the app, as text: the keys it asks for must exist in both languages.
const sources = import.meta.glob<string>(['../**/*.{ts,tsx}', '!../**/*.test.{ts,tsx}'], {
  query: '?raw',
  import: 'default',
  eager: true,
})

/** Keys passed literally to t(…) / i18next.t(…), and the prefixes of keys built from a template literal. */
function usedKeys(): { exact: Set<string>; prefixes: Set<string> } {
  const exact = new Set<string>()
  const prefixes = new Set<string>()
  for (const text of Object.values(sources)) {
    for (const match of text.matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) exact.add(match[1] ?? '')
    for (const match of text.matchAll(/\bt\(\s*`([a-zA-Z0-9_.]+)\$\{/g)) prefixes.add(match[1] ?? '')
  }
  return { exact, prefixes }
}

const { de, en } = translations

describe('i18n', () => {
  it('prefers German only when the browser ranks it before English', () => {
    expect(detectLanguage(['de-DE', 'en'], null)).toBe('de')
    expect(detectLanguage(['en-US', 'de'], null)).toBe('en')
    expect(detectLanguage(['fr-FR'], null)).toBe('en')
    expect(detectLanguage(['en'], 'de')).toBe('de')
  })

  it('defines each key in one file only', () => {
    expect(Object.keys(de)).toContain('board')
    expect(duplicateKeys).toEqual({ de: [], en: [] })
  })

  it('has the same keys in German and English', () => {
    expect(keys(de).sort()).toEqual(keys(en).sort())
  })

  it('has every key the code uses, in both languages (plural forms count)', () => {
    const { exact, prefixes } = usedKeys()
    expect(exact.size).toBeGreaterThan(50)
    for (const [language, table] of [
      ['de', de],
      ['en', en],
    ] as const) {
      const known = new Set(keys(table).map((key) => key.replace(/_(one|other)$/, '')))
      const missing = [...exact].filter((key) => !known.has(key))
      expect(missing, `missing in ${language}/*.json`).toEqual([])
      for (const prefix of prefixes) {
        expect(
          [...known].some((key) => key.startsWith(prefix)),
          `nothing under ${prefix} in ${language}/*.json`,
        ).toBe(true)
      }
    }
  })

  it('names every template and phase in both languages', () => {
    for (const table of [de, en]) {
      for (const template of ['thementisch', 'projektmarktplatz', 'ideenwerkstatt', 'plenum', 'blank']) {
        expect(table.template).toHaveProperty(template)
        expect(table.template).toHaveProperty(`${template}Hint`)
      }
      for (const phase of ['collect', 'cluster', 'vote', 'results']) expect(table.phase).toHaveProperty(phase)
      for (const kind of ['missingTitle', 'unknownTemplate'])
        expect(table).toHaveProperty(['create', 'csvProblem', kind])
    }
  })

  it('addresses people formally in German: no du, dein, dir, dich', () => {
    const informal = /(^|[^\p{L}])(du|dein|deine|deinem|deinen|deiner|deines|dir|dich|euch|euer|eure)(?![\p{L}])/iu
    const offenders = entries(de).filter(([, text]) => informal.test(text))
    expect(offenders).toEqual([])
  })

  it('uses the glossary in German: Themengruppe, never Cluster; Board, never Tafel', () => {
    const offTerm = /(^|[^\p{L}])(Cluster\p{L}*|Tafel\p{L}*)(?![\p{L}])/u
    expect(entries(de).filter(([, text]) => offTerm.test(text))).toEqual([])
  })

  it('gives every text with a count its plural forms, in both languages', () => {
    for (const table of [de, en]) {
      const all = entries(table)
      const singulars = new Set(all.filter(([key]) => key.endsWith('_one')).map(([key]) => key.slice(0, -4)))
      const plurals = new Set(all.filter(([key]) => key.endsWith('_other')).map(([key]) => key.slice(0, -6)))
      const countedWithoutPlural = all
        .filter(([key, text]) => text.includes('{{count}}') && !/_(one|other|zero)$/.test(key))
        .map(([key]) => key)
      expect(countedWithoutPlural).toEqual([])
      expect([...singulars].filter((key) => !plurals.has(key))).toEqual([])
      expect([...plurals].filter((key) => !singulars.has(key))).toEqual([])
    }
  })
})

/** [key path, text] of every text in a table. */
function entries(value: unknown, prefix = ''): [string, string][] {
  if (typeof value === 'string') return [[prefix, value]]
  if (typeof value !== 'object' || value === null) return []
  return Object.entries(value).flatMap(([k, v]) => entries(v, prefix ? `${prefix}.${k}` : k))
}
