import { useCallback, useEffect, useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { fetchRetention, type Retention, setRetention } from '../api/apiClient.ts'
import { ErrorText } from '../ui/ErrorText.tsx'

const MAX_DAYS = 3650

/**
 * Data protection on the dashboard: the day the server deletes this workshop with everything in
 * it (its retention period after the workshop's date), and a field to change the period.
 */
export function RetentionPanel({ workshopId, token }: { workshopId: string; token: string }) {
  const { t, i18n } = useTranslation()
  const id = useId()
  const [retention, setRetentionState] = useState<Retention | null>(null)
  const [draft, setDraft] = useState<string | null>(null)
  const [invalid, setInvalid] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)

  const load = useCallback(() => {
    fetchRetention(workshopId, token).then(setRetentionState, setError)
  }, [workshopId, token])
  useEffect(load, [load])

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault()
    if (draft === null) return
    const days = draft.trim() === '' ? null : Number(draft)
    if (days !== null && (!Number.isInteger(days) || days < 1 || days > MAX_DAYS)) {
      setInvalid(true)
      return
    }
    setBusy(true)
    setError(null)
    try {
      setRetentionState(await setRetention(workshopId, days, token))
      setDraft(null)
    } catch (cause) {
      setError(cause)
    } finally {
      setBusy(false)
    }
  }

  const deleteOn = retention
    ? new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long', timeZone: 'UTC' }).format(
        new Date(`${retention.deleteOn}T00:00:00Z`),
      )
    : null
  return (
    <section className="pw-card pw-retention" aria-labelledby={`${id}-heading`} data-testid="retention">
      <h2 id={`${id}-heading`}>{t('legal.retention.heading')}</h2>
      {retention && deleteOn ? (
        <p data-testid="retention-date">{t('legal.retention.deleteOn', { date: deleteOn, count: retention.days })}</p>
      ) : null}
      <p className="pw-hint">{t('legal.retention.exportFirst')}</p>
      <form className="pw-retention__form" onSubmit={(event) => void onSubmit(event)} noValidate>
        <div>
          <label htmlFor={`${id}-days`}>{t('legal.retention.label')}</label>
          <input
            id={`${id}-days`}
            className="pw-input"
            type="number"
            inputMode="numeric"
            min={1}
            max={MAX_DAYS}
            value={draft ?? String(retention?.days ?? '')}
            aria-invalid={invalid}
            aria-describedby={invalid ? `${id}-error` : undefined}
            onChange={(event) => {
              setDraft(event.target.value)
              setInvalid(false)
            }}
          />
        </div>
        <button type="submit" className="pw-button pw-button--secondary" disabled={busy || draft === null}>
          {t('legal.retention.save')}
        </button>
      </form>
      {invalid ? (
        <p className="pw-error" id={`${id}-error`} role="alert">
          {t('legal.retention.invalid', { max: MAX_DAYS })}
        </p>
      ) : null}
      <ErrorText error={error} />
    </section>
  )
}
