import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { useEditor, type TLShapeId } from 'tldraw'
import { useAnnouncer } from '../ideas/announcer.ts'
import { useHeldCards } from './heldCardsStore.ts'
import { useModerationSync } from './useModeration.ts'

/** How long an approved card may take to reach this device's board before it is not announced. */
const APPROVED_CARD_WAIT_MS = 10_000

/** The board card an approval makes of a held card (the server's `approvedCardId`). */
const approvedShapeId = (heldCardId: string) => `shape:held-${heldCardId}` as TLShapeId

/**
 * Mounted once per board: keeps this device's held cards (own, or the inbox) loaded, and tells a
 * participant (screen readers included) when the facilitator decided on one of their cards.
 * A waiting card that left the list counts as approved once its card is on the board: it may as
 * well have been withdrawn on another of this person's devices.
 */
export function ModerationSync() {
  const { t } = useTranslation()
  const editor = useEditor()
  const announce = useAnnouncer()
  const decided = useHeldCards((s) => s.decided)
  useModerationSync()
  useEffect(() => {
    if (!decided) return
    if (decided.rejected > 0) announce(t('moderation.rejectedOwn', { count: decided.rejected }))
    const expected = new Set(decided.approvedIds.map(approvedShapeId))
    if (expected.size === 0) return
    let approved = 0
    const check = () => {
      for (const id of [...expected]) {
        if (!editor.store.has(id)) continue
        expected.delete(id)
        approved++
      }
      if (expected.size > 0 || approved === 0) return
      stop()
    }
    const stopListening = editor.store.listen(check, { source: 'remote', scope: 'document' })
    const timer = setTimeout(() => stop(), APPROVED_CARD_WAIT_MS)
    let stopped = false
    function stop() {
      if (stopped) return
      stopped = true
      stopListening()
      clearTimeout(timer)
      if (approved > 0) announce(t('moderation.approvedOwn', { count: approved }))
    }
    check()
    return () => {
      stopped = true
      stopListening()
      clearTimeout(timer)
    }
  }, [decided, announce, t, editor])
  return null
}
