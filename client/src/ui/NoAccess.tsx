import { useTranslation } from 'react-i18next'
import { AppHeader } from './AppHeader.tsx'
import { Link } from './Link.tsx'

/** A workshop page without a (valid) facilitator token on this device: say how to get back in. */
export function NoAccess() {
  const { t } = useTranslation()
  return (
    <>
      <AppHeader />
      <main className="pw-page">
        <div className="pw-card" role="alert" data-testid="no-access">
          <h1>{t('dashboard.noAccess.heading')}</h1>
          <p>{t('dashboard.noAccess.body')}</p>
          <Link to="/" className="pw-button">
            {t('dashboard.noAccess.toStart')}
          </Link>
        </div>
      </main>
    </>
  )
}
