import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { useAnnouncer } from '../ideas/announcer.ts'
import { useHeldCards } from './heldCardsStore.ts'
import { useModerationSync } from './useModeration.ts'

/**
 * Mounted once per board: keeps this device's held cards (own, or the inbox) loaded, and tells a
 * participant (screen readers included) when the facilitator decided on one of their cards.
 */
export function ModerationSync() {
  const { t } = useTranslation()
  const announce = useAnnouncer()
  const decided = useHeldCards((s) => s.decided)
  useModerationSync()
  useEffect(() => {
    if (!decided) return
    const parts = [
      decided.approved > 0 ? t('moderation.approvedOwn', { count: decided.approved }) : '',
      decided.rejected > 0 ? t('moderation.rejectedOwn', { count: decided.rejected }) : '',
    ]
    announce(parts.filter(Boolean).join(' '))
  }, [decided, announce, t])
  return null
}
