import { useTranslation } from 'react-i18next'

export function StartPage() {
  const { t } = useTranslation()
  return (
    <main className="pw-start">
      <h1>{t('app.name')}</h1>
      <p>{t('app.tagline')}</p>
      <p className="pw-start__hint">{t('app.startHint')}</p>
    </main>
  )
}
