import { useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { setRecoveryPassphrase } from '../api/apiClient.ts'
import { CopyButton } from '../ui/CopyButton.tsx'
import { ErrorText } from '../ui/ErrorText.tsx'

const MIN_PASSPHRASE = 8
const MAX_PASSPHRASE = 200

/**
 * The private dashboard link with a plain warning, and the optional recovery passphrase:
 * losing the link must not lose the workshop. Open by default right after creation.
 */
export function SecretLinkPanel({
  link,
  workshopId,
  token,
  open,
}: {
  link: string
  workshopId: string
  token: string
  open: boolean
}) {
  const { t } = useTranslation()
  const id = useId()
  const [passphrase, setPassphrase] = useState('')
  const [saved, setSaved] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const [tooShort, setTooShort] = useState(false)

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault()
    if (passphrase.length < MIN_PASSPHRASE) {
      setTooShort(true)
      return
    }
    setBusy(true)
    setError(null)
    try {
      await setRecoveryPassphrase(workshopId, passphrase, token)
      setSaved(true)
      setPassphrase('')
    } catch (cause) {
      setError(cause)
    } finally {
      setBusy(false)
    }
  }

  return (
    <details className="pw-card pw-secret" open={open}>
      <summary>
        <h2>{t('dashboard.secret.heading')}</h2>
      </summary>
      <p className="pw-warning" role="note">
        <strong>{t('dashboard.secret.warningTitle')}</strong> {t('dashboard.secret.warning')}
      </p>
      <div className="pw-field">
        <label htmlFor={`${id}-link`}>{t('dashboard.secret.linkLabel')}</label>
        <div className="pw-inline">
          <input
            id={`${id}-link`}
            className="pw-input pw-input--mono"
            readOnly
            value={link}
            onFocus={(event) => event.target.select()}
          />
          <CopyButton text={link} label={t('common.copy')} />
        </div>
      </div>
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="pw-secret__passphrase">
        <h3>{t('dashboard.secret.passphraseHeading')}</h3>
        <p className="pw-hint" id={`${id}-passphrase-hint`}>
          {t('dashboard.secret.passphraseHint', { workshopId })}
        </p>
        <div className="pw-field">
          <label htmlFor={`${id}-passphrase`}>{t('dashboard.secret.passphraseLabel')}</label>
          <div className="pw-inline">
            <input
              id={`${id}-passphrase`}
              className="pw-input"
              type="password"
              autoComplete="new-password"
              value={passphrase}
              minLength={MIN_PASSPHRASE}
              maxLength={MAX_PASSPHRASE}
              aria-invalid={tooShort}
              aria-describedby={`${id}-passphrase-hint${tooShort ? ` ${id}-passphrase-error` : ''}`}
              onChange={(event) => {
                setPassphrase(event.target.value)
                setTooShort(false)
                setSaved(false)
              }}
            />
            <button type="submit" className="pw-button pw-button--secondary" disabled={busy}>
              {t('dashboard.secret.passphraseSubmit')}
            </button>
          </div>
        </div>
        {tooShort ? (
          <p className="pw-error" id={`${id}-passphrase-error`} role="alert">
            {t('dashboard.secret.passphraseTooShort', { min: MIN_PASSPHRASE })}
          </p>
        ) : null}
        <ErrorText error={error} />
        <p role="status" className="pw-success">
          {saved ? t('dashboard.secret.passphraseSaved') : ''}
        </p>
      </form>
    </details>
  )
}
