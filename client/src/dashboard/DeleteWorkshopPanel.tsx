import '../workshop/workshopAdmin.css'
import { useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { deleteWorkshop } from '../api/apiClient.ts'
import { ErrorText } from '../ui/ErrorText.tsx'

/**
 * Deleting a workshop cannot be undone, so it asks for the workshop's title first (typed, not
 * clicked: a second button press is too easy on a touch screen).
 */
export function DeleteWorkshopPanel({
  workshopId,
  title,
  token,
  onDeleted,
}: {
  workshopId: string
  title: string
  token: string
  onDeleted: () => void
}) {
  const { t } = useTranslation()
  const id = useId()
  const [typed, setTyped] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const matches = typed.trim() === title.trim()

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault()
    if (!matches) return
    setBusy(true)
    setError(null)
    try {
      await deleteWorkshop(workshopId, token)
      onDeleted()
    } catch (cause) {
      setError(cause)
      setBusy(false)
    }
  }

  return (
    <details className="pw-card pw-danger" data-testid="delete-workshop">
      <summary>
        <h2>{t('deleteWorkshop.heading')}</h2>
      </summary>
      <p className="pw-warning" role="note">
        {t('deleteWorkshop.warning')}
      </p>
      <form onSubmit={(event) => void onSubmit(event)} noValidate>
        <div className="pw-field">
          <label htmlFor={`${id}-confirm`}>{t('deleteWorkshop.confirmLabel', { title })}</label>
          <input
            id={`${id}-confirm`}
            className="pw-input"
            value={typed}
            autoComplete="off"
            spellCheck={false}
            onChange={(event) => setTyped(event.target.value)}
            aria-describedby={`${id}-hint`}
          />
          <p className="pw-hint" id={`${id}-hint`}>
            {t('deleteWorkshop.confirmHint')}
          </p>
        </div>
        <ErrorText error={error} />
        <div className="pw-form__actions">
          <button type="submit" className="pw-button pw-button--danger" disabled={!matches || busy}>
            {busy ? t('deleteWorkshop.deleting') : t('deleteWorkshop.submit')}
          </button>
        </div>
      </form>
    </details>
  )
}
