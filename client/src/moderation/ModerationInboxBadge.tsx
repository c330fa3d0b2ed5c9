import { useTranslation } from 'react-i18next'
import { useModerationSection } from './useModeration.ts'
import './moderation.css'

/** The number of waiting cards on the inbox's tab (nothing when none wait). */
export function ModerationInboxBadge() {
  const { t } = useTranslation()
  const waiting = useModerationSection()?.waiting ?? 0
  if (waiting === 0) return null
  return (
    <span
      className="pw-moderation__badge"
      data-testid="moderation-badge"
      aria-label={t('moderation.badge', { count: waiting })}
    >
      {waiting}
    </span>
  )
}
