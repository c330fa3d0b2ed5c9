import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { tableNumbers } from '@pinnwand/shared/controlApi'
import { ApiError, fetchWorkshop } from '../api/apiClient.ts'
import { usePolling } from '../dashboard/usePolling.ts'
import { WorkshopGone } from '../dashboard/WorkshopGone.tsx'
import { joinUrl } from '../join/joinCode.ts'
import { JoinSheet } from '../print/JoinSheet.tsx'
import { paths } from '../router.ts'
import { resolveFacilitatorToken } from '../session/facilitatorToken.ts'
import { isLoopbackOrigin, publicOrigin } from '../session/workshopLinks.ts'
import { ErrorText } from '../ui/ErrorText.tsx'
import { LanguageSwitch } from '../ui/LanguageSwitch.tsx'
import { Link } from '../ui/Link.tsx'
import { NoAccess } from '../ui/NoAccess.tsx'

/** `/w/:workshopId/print`: one room sheet plus one A4 join sheet per table, ready for `window.print()`. */
export function JoinSheetPage({ workshopId }: { workshopId: string }) {
  const { t } = useTranslation()
  const [token] = useState(() => resolveFacilitatorToken(workshopId))
  const load = useCallback(() => fetchWorkshop(workshopId, token ?? ''), [workshopId, token])
  // Loaded once; the sheets do not change while printing (a huge interval, not a poll).
  const { data, error } = usePolling(token ? load : null, 24 * 3_600_000)
  useEffect(() => {
    if (data) document.title = `${t('joinSheet.title')} – ${data.workshop.title}`
  }, [data, t])

  if (error instanceof ApiError && error.code === 'workshop_deleted') return <WorkshopGone />
  if (!token || (error instanceof ApiError && (error.status === 401 || error.status === 403))) return <NoAccess />
  if (!data) {
    return (
      <main className="pw-page">
        {error ? <ErrorText error={error} /> : <p role="status">{t('common.loading')}</p>}
      </main>
    )
  }

  const { workshop, boards } = data
  // "Tisch 3 · Mobilität" on the sheet, as on the board and the dashboard.
  const numbers = tableNumbers(boards)
  const origin = publicOrigin(workshopId)
  return (
    <div className="pw-print">
      <header className="pw-print__toolbar pw-no-print">
        <Link to={paths.dashboard(workshopId)} className="pw-button pw-button--secondary">
          {t('joinSheet.back')}
        </Link>
        <h1>{t('joinSheet.title')}</h1>
        <p className="pw-hint">{t('joinSheet.pages', { count: boards.length + 1 })}</p>
        <LanguageSwitch />
        <button type="button" className="pw-button pw-button--primary" onClick={() => window.print()}>
          {t('joinSheet.print')}
        </button>
        {isLoopbackOrigin(origin) ? (
          <p className="pw-warning pw-print__warning" role="note">
            {t('joinSheet.loopbackWarning', { origin })}
          </p>
        ) : null}
      </header>
      <main className="pw-print__sheets">
        <JoinSheet
          workshopTitle={workshop.title}
          url={joinUrl(origin, workshop.joinCode)}
          joinCode={workshop.joinCode}
          origin={origin}
        />
        {boards.map((board) => (
          <JoinSheet
            key={board.id}
            workshopTitle={workshop.title}
            tableTitle={
              numbers.has(board.id)
                ? t('control.tableName', { number: numbers.get(board.id), title: board.title })
                : board.title
            }
            question={board.question}
            url={joinUrl(origin, workshop.joinCode, board.id)}
            joinCode={workshop.joinCode}
            origin={origin}
          />
        ))}
      </main>
    </div>
  )
}
