import { useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { navigate, paths } from '../router.ts'
import { normalizeJoinCode } from './joinCode.ts'

/** "Type the code from your table card": the way in for anyone without the QR code. */
export function JoinCodeForm({ autoFocus = false }: { autoFocus?: boolean }) {
  const { t } = useTranslation()
  const inputId = useId()
  const [code, setCode] = useState('')
  const [empty, setEmpty] = useState(false)
  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    const normalized = normalizeJoinCode(code)
    if (!normalized) {
      setEmpty(true)
      return
    }
    navigate(paths.join(normalized))
  }
  return (
    <form className="pw-join-code" onSubmit={onSubmit} noValidate>
      <label htmlFor={inputId}>{t('join.codeLabel')}</label>
      <div className="pw-inline">
        <input
          id={inputId}
          name="joinCode"
          className="pw-input pw-input--code"
          value={code}
          onChange={(event) => {
            setCode(event.target.value)
            setEmpty(false)
          }}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          inputMode="text"
          placeholder="ABC DEF"
          maxLength={40}
          // The join page has this one field: focus where the only task is (keyboard, screen reader).
          // eslint-disable-next-line jsx-a11y/no-autofocus
          autoFocus={autoFocus}
          aria-invalid={empty}
          aria-describedby={empty ? `${inputId}-error` : undefined}
        />
        <button type="submit" className="pw-button">
          {t('join.codeSubmit')}
        </button>
      </div>
      {empty ? (
        <p className="pw-error" id={`${inputId}-error`} role="alert">
          {t('join.codeEmpty')}
        </p>
      ) : null}
    </form>
  )
}
