import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ErrorText } from '../ui/ErrorText.tsx'
import { useAction } from '../voting/useAction.ts'
import { setModeration } from './moderationApi.ts'
import './moderation.css'

/** The dashboard's switch for one table's moderation inbox (the board's inbox panel has the same). */
export function TableModerationField({
  boardId,
  tableTitle,
  moderation,
  token,
  onSaved,
}: {
  boardId: string
  tableTitle: string
  moderation: boolean
  token: string
  onSaved: () => void
}) {
  const { t } = useTranslation()
  const { busy, error, run } = useAction()
  // Shown at once, confirmed by the next poll.
  const [pending, setPending] = useState<boolean | null>(null)
  const checked = pending ?? moderation
  const toggle = async (next: boolean) => {
    setPending(next)
    if (await run(() => setModeration(boardId, next, token))) onSaved()
    setPending(null)
  }
  return (
    <div className="pw-field">
      <label className="pw-moderation__switch pw-moderation__switch--small">
        <input
          type="checkbox"
          checked={checked}
          disabled={busy}
          data-testid="table-moderation"
          aria-label={`${t('moderation.dashboardSetting')}: ${tableTitle}`}
          onChange={(event) => void toggle(event.target.checked)}
        />
        {t('moderation.dashboardSetting')}
      </label>
      <ErrorText error={error} />
    </div>
  )
}
