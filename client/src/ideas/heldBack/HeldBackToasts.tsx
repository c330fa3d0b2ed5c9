import type { TFunction } from 'i18next'
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { useToasts } from 'tldraw'
import { describePrivateError } from '../../privatePhase/describeError.ts'
import { type HeldBackNotice, listenHeldBack } from './heldBackNotice.ts'

/** The notice's words: what became of the cards, each part only when it happened. */
export function describeHeldBack(t: TFunction, notice: HeldBackNotice): string {
  const { kind, sent, queued, failed, empty, cause } = notice
  if (notice.tool) return t(`heldBack.${kind}.useField`)
  const reason =
    cause === 'offline'
      ? t('heldBack.offline')
      : cause === null
        ? t('heldBack.tooLong')
        : describePrivateError(t, cause)
  const parts = [
    sent > 0 ? t(`heldBack.${kind}.sent`, { count: sent }) : '',
    queued > 0 ? t('heldBack.privatePhase.queued', { count: queued }) : '',
    failed > 0 ? t('heldBack.failed', { count: failed, reason }) : '',
    empty > 0 ? t('heldBack.empty', { count: empty }) : '',
    // Only empty cards: say where new cards are written now.
    empty > 0 && sent + queued + failed === 0 ? t(`heldBack.${kind}.useField`) : '',
  ]
  return parts.filter(Boolean).join(' ')
}

/**
 * Polite, translated word of cards made outside the "add idea" field while new cards are held
 * back (pasted, duplicated, the card tool): where they went, or why not and where the text is.
 */
export function HeldBackToasts() {
  const toasts = useToasts()
  const { t } = useTranslation()
  useEffect(
    () =>
      listenHeldBack((notice) =>
        toasts.addToast({
          id: 'held-back-cards',
          title: t(`heldBack.${notice.kind}.title`),
          description: describeHeldBack(t, notice),
          severity: notice.failed > 0 ? 'warning' : 'info',
        }),
      ),
    [toasts, t],
  )
  return null
}
