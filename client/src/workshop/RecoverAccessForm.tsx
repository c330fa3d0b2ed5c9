import { useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { recoverAccess } from '../api/apiClient.ts'
import { navigate, paths } from '../router.ts'
import { identityStore } from '../session/identityStore.ts'
import { ErrorText } from '../ui/ErrorText.tsx'

/** Accepts a bare workshop id or any link that contains `/w/<id>`. */
export function workshopIdFromInput(input: string): string {
  const trimmed = input.trim()
  const match = /\/w\/([^/?#\s]+)/.exec(trimmed)
  return match?.[1] ? decodeURIComponent(match[1]) : trimmed
}

/** Lost the dashboard link: workshop id (or any workshop link) + the passphrase set earlier. */
export function RecoverAccessForm() {
  const { t } = useTranslation()
  const id = useId()
  const [workshop, setWorkshop] = useState('')
  const [passphrase, setPassphrase] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault()
    const workshopId = workshopIdFromInput(workshop)
    if (!workshopId || !passphrase) return
    setBusy(true)
    setError(null)
    try {
      const { facilitatorToken } = await recoverAccess(workshopId, passphrase)
      identityStore.saveFacilitatorToken(workshopId, facilitatorToken)
      navigate(paths.dashboard(workshopId))
    } catch (cause) {
      setError(cause)
      setBusy(false)
    }
  }

  return (
    <form className="pw-form" onSubmit={(event) => void onSubmit(event)} aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('recover.heading')}</h2>
      <p className="pw-hint">{t('recover.intro')}</p>
      <div className="pw-field">
        <label htmlFor={`${id}-workshop`}>{t('recover.workshop')}</label>
        <input
          id={`${id}-workshop`}
          className="pw-input"
          value={workshop}
          onChange={(event) => setWorkshop(event.target.value)}
          required
          autoComplete="off"
          spellCheck={false}
        />
      </div>
      <div className="pw-field">
        <label htmlFor={`${id}-passphrase`}>{t('recover.passphrase')}</label>
        <input
          id={`${id}-passphrase`}
          className="pw-input"
          type="password"
          value={passphrase}
          onChange={(event) => setPassphrase(event.target.value)}
          required
          autoComplete="current-password"
        />
      </div>
      <ErrorText error={error} />
      <div className="pw-form__actions">
        <button type="submit" className="pw-button pw-button--secondary" disabled={busy}>
          {t('recover.submit')}
        </button>
      </div>
    </form>
  )
}
