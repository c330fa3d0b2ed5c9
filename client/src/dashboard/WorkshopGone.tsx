import { useTranslation } from 'react-i18next'
import { AppHeader } from '../ui/AppHeader.tsx'
import { Link } from '../ui/Link.tsx'

/** Where a deleted workshop was: a plain statement, never a blank page. */
export function WorkshopGone({ justDeleted = false }: { justDeleted?: boolean }) {
  const { t } = useTranslation()
  return (
    <>
      <AppHeader />
      <main className="pw-page">
        <div className="pw-card" role="alert" data-testid="workshop-deleted">
          <h1>{justDeleted ? t('workshopGone.deletedHeading') : t('workshopGone.heading')}</h1>
          <p>{justDeleted ? t('workshopGone.deletedBody') : t('workshopGone.body')}</p>
          <Link to="/" className="pw-button">
            {t('dashboard.noAccess.toStart')}
          </Link>
        </div>
      </main>
    </>
  )
}
