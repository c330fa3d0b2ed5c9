import { Limits } from '@pinnwand/shared/limits'
import { type FormEvent, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'

/** "Save state": the facilitator names the board as it is now, to come back to it later. */
export function SaveStateForm({ busy, onSave }: { busy: boolean; onSave: (name: string) => Promise<boolean> }) {
  const { t } = useTranslation()
  const id = useId()
  const [name, setName] = useState('')

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (!name.trim()) return
    if (await onSave(name.trim())) setName('')
  }

  return (
    <form className="pw-history__save" onSubmit={(event) => void submit(event)}>
      <label htmlFor={`${id}-name`}>{t('history.saveLabel')}</label>
      <div className="pw-history__save-row">
        <input
          id={`${id}-name`}
          className="pw-input"
          value={name}
          maxLength={Limits.titleMax}
          placeholder={t('history.savePlaceholder')}
          data-testid="history-save-name"
          onChange={(event) => setName(event.target.value)}
          // Keys typed here are text, not canvas shortcuts.
          onKeyDown={(event) => event.stopPropagation()}
        />
        <button type="submit" className="pw-button" disabled={busy || !name.trim()} data-testid="history-save">
          {t('history.save')}
        </button>
      </div>
    </form>
  )
}
