import './plenary.css'
import { Limits } from '@pinnwand/shared/limits'
import { useId } from 'react'
import { useTranslation } from 'react-i18next'

/** The workshop's plenary as the setup form holds it (not one more numbered table). */
export interface PlenaryDraft {
  enabled: boolean
  title: string
  question: string
  /** Offered on the join page from the start (otherwise the organiser opens it later). */
  openToParticipants: boolean
}

export const newPlenaryDraft = (title: string): PlenaryDraft => ({
  enabled: false,
  title,
  question: '',
  openToParticipants: false,
})

/**
 * The plenary of a new workshop: whether there is one, its title and question, and whether
 * participants may open it from the start. It collects the tables' shortlists by itself.
 */
export function PlenaryFieldset({
  draft,
  onChange,
  showErrors,
}: {
  draft: PlenaryDraft
  onChange: (draft: PlenaryDraft) => void
  showErrors: boolean
}) {
  const { t } = useTranslation()
  const id = useId()
  const titleMissing = showErrors && draft.enabled && draft.title.trim() === ''
  const update = (patch: Partial<PlenaryDraft>) => onChange({ ...draft, ...patch })
  return (
    <fieldset className="pw-plenary-fields" data-testid="plenary-fields">
      <legend>{t('plenary.setup.legend')}</legend>
      <label className="pw-plenary-fields__check">
        <input
          type="checkbox"
          checked={draft.enabled}
          data-testid="plenary-enabled"
          onChange={(event) => update({ enabled: event.target.checked })}
          aria-describedby={`${id}-hint`}
        />
        {t('plenary.setup.enabled')}
      </label>
      <p className="pw-hint" id={`${id}-hint`}>
        {t('plenary.setup.hint')}
      </p>
      {draft.enabled ? (
        <>
          <div className="pw-field">
            <label htmlFor={`${id}-title`}>{t('plenary.setup.title')}</label>
            <input
              id={`${id}-title`}
              className="pw-input"
              value={draft.title}
              maxLength={Limits.titleMax}
              required
              aria-invalid={titleMissing}
              aria-describedby={titleMissing ? `${id}-title-error` : undefined}
              onChange={(event) => update({ title: event.target.value })}
            />
            {titleMissing ? (
              <p className="pw-error" id={`${id}-title-error`}>
                {t('plenary.setup.titleMissing')}
              </p>
            ) : null}
          </div>
          <div className="pw-field">
            <label htmlFor={`${id}-question`}>{t('plenary.setup.question')}</label>
            <textarea
              id={`${id}-question`}
              className="pw-input"
              rows={2}
              value={draft.question}
              maxLength={Limits.questionMax}
              onChange={(event) => update({ question: event.target.value })}
            />
          </div>
          <label className="pw-plenary-fields__check">
            <input
              type="checkbox"
              checked={draft.openToParticipants}
              data-testid="plenary-open"
              onChange={(event) => update({ openToParticipants: event.target.checked })}
              aria-describedby={`${id}-open-hint`}
            />
            {t('plenary.setup.open')}
          </label>
          <p className="pw-hint" id={`${id}-open-hint`}>
            {t('plenary.setup.openHint')}
          </p>
        </>
      ) : null}
    </fieldset>
  )
}
