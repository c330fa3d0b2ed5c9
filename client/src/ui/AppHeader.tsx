import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from './Link.tsx'
import { LanguageSwitch } from './LanguageSwitch.tsx'

/** Top bar of the pages around the board: app name (home), optional context, language. */
export function AppHeader({ children }: { children?: ReactNode }) {
  const { t } = useTranslation()
  return (
    <header className="pw-header">
      <Link to="/" className="pw-header__brand">
        {t('app.name')}
      </Link>
      <div className="pw-header__context">{children}</div>
      <LanguageSwitch />
    </header>
  )
}
