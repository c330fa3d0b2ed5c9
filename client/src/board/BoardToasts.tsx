import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { DefaultToasts } from 'tldraw'

/** The key Radix' toast viewport names in its label ("Notifications (F8)"). */
const TOAST_HOTKEY = 'F8'

/**
 * tldraw's toasts with a translated landmark. Radix' toast viewport labels its region
 * "Notifications (F8)" in English, and tldraw passes no label through; screen readers list that
 * region among the landmarks, so a German board read out an English one.
 */
export function BoardToasts() {
  const { t } = useTranslation()
  const ref = useRef<HTMLDivElement>(null)
  const label = t('tldraw.notifications', { hotkey: TOAST_HOTKEY })
  useEffect(() => {
    // React sets the region's label once and leaves it while it stays the same string.
    ref.current?.querySelector('[role="region"]')?.setAttribute('aria-label', label)
  }, [label])
  return (
    <div ref={ref} className="pw-toasts">
      <DefaultToasts />
    </div>
  )
}
