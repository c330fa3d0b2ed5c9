import './plenary.css'
import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { type BoardOverview, setOpenToParticipants } from '../api/apiClient.ts'
import { ErrorText } from '../ui/ErrorText.tsx'

/**
 * The organiser's switch that offers the workshop's plenary on the join page (for a plenary vote)
 * or keeps it for the facilitators and the projector. Shown only when the workshop has a plenary.
 */
export function PlenaryAccess({
  boards,
  token,
  onChanged,
}: {
  boards: readonly BoardOverview[]
  token: string
  onChanged: () => void
}) {
  const { t } = useTranslation()
  const id = useId()
  const plenary = boards.find((board) => board.kind === 'plenary')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  if (!plenary) return null
  const open = plenary.openToParticipants ?? false

  const toggle = async (next: boolean) => {
    setBusy(true)
    setError(null)
    try {
      await setOpenToParticipants(plenary.id, next, token)
      onChanged()
    } catch (cause) {
      setError(cause)
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="pw-card" aria-labelledby={`${id}-heading`} data-testid="plenary-access">
      <h2 id={`${id}-heading`}>
        {plenary.title === t('plenary.access.heading')
          ? plenary.title
          : `${t('plenary.access.heading')}: ${plenary.title}`}
      </h2>
      <div className="pw-plenary-access">
        <label className="pw-plenary-fields__check">
          <input
            type="checkbox"
            checked={open}
            disabled={busy}
            data-testid="plenary-open-switch"
            aria-describedby={`${id}-hint`}
            onChange={(event) => void toggle(event.target.checked)}
          />
          {t('plenary.access.open')}
        </label>
        <p role="status" className="pw-hint">
          {open ? t('plenary.access.isOpen') : t('plenary.access.isClosed')}
        </p>
      </div>
      <p className="pw-hint" id={`${id}-hint`}>
        {t('plenary.access.openHint')}
      </p>
      <ErrorText error={error} />
    </section>
  )
}
