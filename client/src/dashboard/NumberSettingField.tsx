import { useId, useState, type FormEvent } from 'react'
import { ErrorText } from '../ui/ErrorText.tsx'

/** What a table card's number setting says, already translated. */
export interface NumberSettingTexts {
  label: string
  hint: string
  invalid: string
  save: string
  placeholder?: string
}

/**
 * One number setting of a table on the dashboard (its number, its participant limit): a field,
 * a save button named after the table, a hint, and a clear error before anything is sent.
 * `parse` returns the value to save, or undefined when the text is not acceptable.
 */
export function NumberSettingField<T extends number | null>({
  current,
  min,
  max,
  tableTitle,
  texts,
  parse,
  save,
  onSaved,
  className,
  testId,
}: {
  /** The saved value as the field shows it. */
  current: string
  min: number
  max: number
  tableTitle: string
  texts: NumberSettingTexts
  parse: (text: string) => T | undefined
  save: (value: T) => Promise<unknown>
  onSaved: () => void
  className?: string
  testId?: string
}) {
  const id = useId()
  const [draft, setDraft] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const [invalid, setInvalid] = useState(false)
  const value = draft ?? current

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault()
    const next = parse(value.trim())
    if (next === undefined) {
      setInvalid(true)
      return
    }
    setBusy(true)
    setError(null)
    try {
      await save(next)
      setDraft(null)
      onSaved()
    } catch (cause) {
      setError(cause)
    } finally {
      setBusy(false)
    }
  }

  return (
    <form
      className={`pw-limit${className ? ` ${className}` : ''}`}
      onSubmit={(event) => void onSubmit(event)}
      noValidate
    >
      <label htmlFor={`${id}-value`}>{texts.label}</label>
      <div className="pw-inline">
        <input
          id={`${id}-value`}
          className="pw-input pw-limit__input"
          type="number"
          inputMode="numeric"
          min={min}
          max={max}
          placeholder={texts.placeholder}
          value={value}
          data-testid={testId}
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
          disabled={busy || draft === null || draft.trim() === current}
          aria-label={`${texts.save}: ${tableTitle}`}
        >
          {texts.save}
        </button>
      </div>
      <p className="pw-hint" id={`${id}-hint`}>
        {texts.hint}
      </p>
      {invalid ? (
        <p className="pw-error" id={`${id}-error`} role="alert">
          {texts.invalid}
        </p>
      ) : null}
      <ErrorText error={error} />
    </form>
  )
}
