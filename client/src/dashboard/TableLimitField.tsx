import { useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { setTableLimit } from '../api/apiClient.ts'
import { ErrorText } from '../ui/ErrorText.tsx'

const MAX_LIMIT = 1000

/** The table's optional participant limit: a number, or empty for none. Saved on submit. */
export function TableLimitField({
  boardId,
  tableTitle,
  limit,
  token,
  onSaved,
}: {
  boardId: string
  tableTitle: string
  limit: number | null
  token: string
  onSaved: () => void
}) {
  const { t } = useTranslation()
  const id = useId()
  const [draft, setDraft] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const [invalid, setInvalid] = useState(false)
  const value = draft ?? (limit === null ? '' : String(limit))

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault()
    const text = value.trim()
    const next = text === '' ? null : Number(text)
    if (next !== null && (!Number.isInteger(next) || next < 1 || next > MAX_LIMIT)) {
      setInvalid(true)
      return
    }
    setBusy(true)
    setError(null)
    try {
      await setTableLimit(boardId, next, token)
      setDraft(null)
      onSaved()
    } catch (cause) {
      setError(cause)
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="pw-limit" onSubmit={(event) => void onSubmit(event)} noValidate>
      <label htmlFor={`${id}-limit`}>{t('limit.label')}</label>
      <div className="pw-inline">
        <input
          id={`${id}-limit`}
          className="pw-input pw-limit__input"
          type="number"
          inputMode="numeric"
          min={1}
          max={MAX_LIMIT}
          placeholder={t('limit.none')}
          value={value}
          aria-invalid={invalid}
          aria-describedby={`${id}-hint${invalid ? ` ${id}-error` : ''}`}
          onChange={(event) => {
            setDraft(event.target.value)
            setInvalid(false)
          }}
        />
        <button
          type="submit"
          className="pw-button pw-button--secondary pw-button--small"
          disabled={busy || draft === null}
          aria-label={`${t('limit.save')}: ${tableTitle}`}
        >
          {t('limit.save')}
        </button>
      </div>
      <p className="pw-hint" id={`${id}-hint`}>
        {t('limit.hint')}
      </p>
      {invalid ? (
        <p className="pw-error" id={`${id}-error`} role="alert">
          {t('limit.invalid', { max: MAX_LIMIT })}
        </p>
      ) : null}
      <ErrorText error={error} />
    </form>
  )
}
