import i18next from 'i18next'
import { initReactI18next } from 'react-i18next'
import { Languages, type Language } from './languages.ts'
import { translations } from './locales.ts'

export { Languages, type Language }

const STORAGE_KEY = 'pinnwand-language'

/** German when the browser ranks German before English, English otherwise; a saved choice wins. */
export function detectLanguage(preferred: readonly string[] = navigator.languages, saved = readSaved()): Language {
  if (saved) return saved
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0]
    if (base === 'de' || base === 'en') return base
  }
  return 'en'
}

function readSaved(): Language | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY)
    return value === 'de' || value === 'en' ? value : null
  } catch {
    return null
  }
}

/** Switches the UI language and remembers the choice on this device. */
export function changeLanguage(language: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, language)
  } catch {
    // Storage disabled: the choice lasts for this page.
  }
  document.documentElement.lang = language
  void i18next.changeLanguage(language)
}

export function setupI18n() {
  const lng = detectLanguage()
  document.documentElement.lang = lng
  void i18next.use(initReactI18next).init({
    resources: { de: { translation: translations.de }, en: { translation: translations.en } },
    lng,
    fallbackLng: 'en',
    // React escapes on render; i18next escaping would double-escape.
    interpolation: { escapeValue: false },
    // A key missing from the tables is a bug: say so in the console, where the e2e suite looks.
    saveMissing: true,
    missingKeyHandler: (_fallbacks, _namespace, key) =>
      console.error(`[i18n] missing key "${key}" (${i18next.language})`),
  })
  return i18next
}
