import { useTranslation } from 'react-i18next'
import { changeLanguage, Languages } from '../i18n/setupI18n.ts'

const NAMES = { de: 'Deutsch', en: 'English' } as const

/** DE | EN, remembered on the device. Each button names its language in that language. */
export function LanguageSwitch({ className = '' }: { className?: string }) {
  const { t, i18n } = useTranslation()
  return (
    <div className={`pw-lang ${className}`} role="group" aria-label={t('language.label')}>
      {Languages.map((language) => (
        <button
          key={language}
          type="button"
          lang={language}
          className="pw-lang__button"
          aria-pressed={i18n.language === language}
          onClick={() => changeLanguage(language)}
        >
          {language.toUpperCase()}
          <span className="pw-visually-hidden"> ({NAMES[language]})</span>
        </button>
      ))}
    </div>
  )
}
