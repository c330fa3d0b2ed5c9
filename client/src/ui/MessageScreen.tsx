import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

/** A plain full-page message (errors, licence notice, loading) with an optional reload button. */
export function MessageScreen({
  title,
  children,
  showReload = false,
  testId,
}: {
  title?: string
  children: ReactNode
  showReload?: boolean
  testId?: string
}) {
  const { t } = useTranslation()
  return (
    <main className="pw-message" data-testid={testId}>
      <div className="pw-message__box" role={showReload ? 'alert' : undefined}>
        {title ? <h1>{title}</h1> : null}
        <p>{children}</p>
        {showReload ? (
          <button type="button" onClick={() => location.reload()}>
            {t('board.reload')}
          </button>
        ) : null}
      </div>
    </main>
  )
}
