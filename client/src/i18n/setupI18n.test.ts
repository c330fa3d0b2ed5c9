import { describe, expect, it } from 'vitest'
import de from './de.json'
import en from './en.json'
import { detectLanguage } from './setupI18n.ts'

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix]
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k))
}

describe('i18n', () => {
  it('prefers German only when the browser ranks it before English', () => {
    expect(detectLanguage(['de-DE', 'en'], null)).toBe('de')
    expect(detectLanguage(['en-US', 'de'], null)).toBe('en')
    expect(detectLanguage(['fr-FR'], null)).toBe('en')
    expect(detectLanguage(['en'], 'de')).toBe('de')
  })

  it('has the same keys in German and English', () => {
    expect(keys(de).sort()).toEqual(keys(en).sort())
  })
})
