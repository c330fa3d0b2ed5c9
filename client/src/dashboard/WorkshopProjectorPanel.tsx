import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { request } from '../api/apiClient.ts'
import { CopyButton } from '../ui/CopyButton.tsx'
import { ErrorText } from '../ui/ErrorText.tsx'

/**
 * The link for the one screen that serves the whole event (it switches between tables). Made on
 * request: a projector link is a read-only key, so the dashboard does not mint one per visit.
 */
export function WorkshopProjectorPanel({
  workshopId,
  token,
  origin,
}: {
  workshopId: string
  token: string
  origin: string
}) {
  const { t } = useTranslation()
  const id = useId()
  const [link, setLink] = useState<string | null>(null)
  const [error, setError] = useState<unknown>(null)
  const create = async () => {
    setError(null)
    try {
      const { projectorToken } = await request<{ projectorToken: string }>(
        'POST',
        `/api/workshops/${encodeURIComponent(workshopId)}/projector-token`,
        token,
      )
      setLink(`${origin}/w/${encodeURIComponent(workshopId)}/projector?token=${encodeURIComponent(projectorToken)}`)
    } catch (cause) {
      setError(cause)
    }
  }
  return (
    <section className="pw-card pw-workshop-projector" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('control.projectorHeading')}</h2>
      <p className="pw-hint">{t('control.projectorHint')}</p>
      {link ? (
        <div className="pw-field">
          <label htmlFor={`${id}-link`}>{t('control.projectorLink')}</label>
          <div className="pw-inline">
            <input
              id={`${id}-link`}
              className="pw-input pw-input--mono"
              readOnly
              value={link}
              data-testid="workshop-projector-link"
              onFocus={(event) => event.target.select()}
            />
            <CopyButton text={link} label={t('common.copy')} />
            <a className="pw-button pw-button--secondary" href={link} target="_blank" rel="noopener">
              {t('control.openProjector')}
            </a>
          </div>
        </div>
      ) : (
        <button type="button" className="pw-button pw-button--secondary" onClick={() => void create()}>
          {t('control.createProjector')}
        </button>
      )}
      <ErrorText error={error} />
    </section>
  )
}
