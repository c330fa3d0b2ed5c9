import { Limits } from '@pinnwand/shared/limits'
import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { setHideAuthors, setTableFacilitator, type WorkshopOverview } from '../api/apiClient.ts'
import { ErrorText } from '../ui/ErrorText.tsx'

/**
 * Dashboard settings that shape the result report: whether idea cards carry author names
 * (everywhere: board, idea list, exports) and who facilitated each table.
 */
export function ReportSettingsPanel({
  overview,
  token,
  onChanged,
}: {
  overview: WorkshopOverview
  token: string
  onChanged: () => void
}) {
  const { t } = useTranslation()
  const id = useId()
  const [error, setError] = useState<unknown>(null)
  const hidden = overview.workshop.hideAuthors ?? false

  const toggle = async (hide: boolean) => {
    setError(null)
    try {
      await setHideAuthors(overview.workshop.id, hide, token)
      onChanged()
    } catch (cause) {
      setError(cause)
    }
  }

  return (
    <section className="pw-card pw-report-settings" aria-labelledby={`${id}-heading`} data-testid="report-settings">
      <h2 id={`${id}-heading`}>{t('reportSettings.heading')}</h2>
      <label className="pw-checkbox">
        <input
          type="checkbox"
          checked={hidden}
          data-testid="hide-authors"
          onChange={(event) => void toggle(event.target.checked)}
        />
        {t('reportSettings.hideAuthors')}
      </label>
      <p className="pw-hint">{t('reportSettings.hideAuthorsHint')}</p>
      <h3>{t('reportSettings.facilitators')}</h3>
      <ul className="pw-report-settings__tables">
        {overview.boards.map((board) => (
          <li key={board.id}>
            <FacilitatorField
              boardId={board.id}
              title={board.title}
              value={board.facilitator ?? ''}
              token={token}
              onError={setError}
              onSaved={onChanged}
            />
          </li>
        ))}
      </ul>
      <ErrorText error={error} />
    </section>
  )
}

function FacilitatorField({
  boardId,
  title,
  value,
  token,
  onError,
  onSaved,
}: {
  boardId: string
  title: string
  value: string
  token: string
  onError: (cause: unknown) => void
  onSaved: () => void
}) {
  const { t } = useTranslation()
  const id = useId()
  const [text, setText] = useState(value)
  const [saved, setSaved] = useState(false)
  const [editing, setEditing] = useState(false)
  // The dashboard polls: a new value from the server replaces the field's text (during render,
  // as React advises for state that follows a prop), unless the field is being edited.
  const [serverValue, setServerValue] = useState(value)
  if (serverValue !== value) {
    setServerValue(value)
    if (!editing) setText(value)
  }

  const save = async () => {
    if (text.trim() === value) return
    try {
      await setTableFacilitator(boardId, text.trim() || null, token)
      setSaved(true)
      onSaved()
    } catch (cause) {
      onError(cause)
    }
  }
  return (
    <div className="pw-field">
      <label htmlFor={id}>{t('reportSettings.facilitatorOf', { table: title })}</label>
      <div className="pw-inline">
        <input
          id={id}
          className="pw-input"
          data-testid="table-facilitator"
          value={text}
          maxLength={Limits.displayNameMax}
          onChange={(event) => {
            setText(event.target.value)
            setSaved(false)
          }}
          onFocus={() => setEditing(true)}
          onBlur={() => {
            setEditing(false)
            void save()
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter') void save()
          }}
        />
        {saved ? (
          <span className="pw-hint" role="status">
            {t('reportSettings.saved')}
          </span>
        ) : null}
      </div>
    </div>
  )
}
