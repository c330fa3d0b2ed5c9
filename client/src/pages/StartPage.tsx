import { useTranslation } from 'react-i18next'
import { JoinCodeForm } from '../join/JoinCodeForm.tsx'
import { LegalFooter } from '../privacy/LegalFooter.tsx'
import { AppHeader } from '../ui/AppHeader.tsx'
import { CreateWorkshopForm } from '../workshop/CreateWorkshopForm.tsx'
import { RecoverAccessForm } from '../workshop/RecoverAccessForm.tsx'

/** Participants type a code; facilitators create a workshop or recover access to one. */
export function StartPage() {
  const { t } = useTranslation()
  return (
    <>
      <AppHeader />
      <main className="pw-page pw-start">
        <section className="pw-start__hero" aria-labelledby="start-join-heading">
          <h1>{t('app.tagline')}</h1>
          <div className="pw-card pw-start__join">
            <h2 id="start-join-heading">{t('join.heading')}</h2>
            <p className="pw-hint">{t('app.startHint')}</p>
            <JoinCodeForm />
          </div>
        </section>
        <section className="pw-card">
          <CreateWorkshopForm />
        </section>
        <section className="pw-card">
          <RecoverAccessForm />
        </section>
      </main>
      <LegalFooter />
    </>
  )
}
