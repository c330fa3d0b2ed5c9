import { useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { setTableNumber } from '../api/apiClient.ts'
import { ErrorText } from '../ui/ErrorText.tsx'

/**
 * The table's number ("Tisch 3"), 1…N. A number another table holds swaps the two, so the hint
 * says so before the organiser saves: a printed join sheet of that other table changes too.
 */
export function TableNumberField({
  boardId,
  tableTitle,
  number,
  tables,
  token,
  onSaved,
}: {
  boardId: string
  tableTitle: string
  number: number
  /** How many tables the workshop has (N). */
  tables: number
  token: string
  onSaved: () => void
}) {
  const { t } = useTranslation()
  const id = useId()
  const [draft, setDraft] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const [invalid, setInvalid] = useState(false)
  const value = draft ?? String(number)

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault()
    const next = Number(value.trim())
    if (value.trim() === '' || !Number.isInteger(next) || next < 1 || next > tables) {
      setInvalid(true)
      return
    }
    setBusy(true)
    setError(null)
    try {
      await setTableNumber(boardId, next, token)
      setDraft(null)
      onSaved()
    } catch (cause) {
      setError(cause)
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="pw-limit pw-table-number" onSubmit={(event) => void onSubmit(event)} noValidate>
      <label htmlFor={`${id}-number`}>{t('tableNumber.label')}</label>
      <div className="pw-inline">
        <input
          id={`${id}-number`}
          className="pw-input pw-limit__input"
          type="number"
          inputMode="numeric"
          min={1}
          max={tables}
          value={value}
          data-testid="table-number-input"
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
          disabled={busy || draft === null || draft.trim() === String(number)}
          aria-label={`${t('tableNumber.save')}: ${tableTitle}`}
        >
          {t('tableNumber.save')}
        </button>
      </div>
      <p className="pw-hint" id={`${id}-hint`}>
        {t('tableNumber.hint', { count: tables })}
      </p>
      {invalid ? (
        <p className="pw-error" id={`${id}-error`} role="alert">
          {t('tableNumber.invalid', { count: tables })}
        </p>
      ) : null}
      <ErrorText error={error} />
    </form>
  )
}
