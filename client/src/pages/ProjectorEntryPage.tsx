import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError, fetchMe, fetchTables } from '../api/apiClient.ts'
import { WorkshopGone } from '../dashboard/WorkshopGone.tsx'
import { navigate, paths } from '../router.ts'
import { rememberBoardToken, stripTokenFromAddress } from '../session/boardToken.ts'
import { AppHeader } from '../ui/AppHeader.tsx'
import { ErrorText } from '../ui/ErrorText.tsx'
import '../workshop/workshopAdmin.css'

type Table = { id: string; title: string; question: string }

/**
 * `/w/:workshopId/projector?token=…`: the workshop-wide read-only link from creation. The token
 * opens every table; the big screen picks one by its title (the facilitator dashboard also makes
 * per-table links).
 */
export function ProjectorEntryPage() {
  const { t } = useTranslation()
  const [token] = useState(() => new URL(location.href).searchParams.get('token'))
  const [tables, setTables] = useState<Table[] | null>(null)
  const [error, setError] = useState<unknown>(null)

  useEffect(() => {
    stripTokenFromAddress()
    if (!token) return
    const load = async () => {
      const me = await fetchMe(token)
      for (const boardId of me.boardIds) rememberBoardToken(boardId, token)
      if (me.boardIds.length === 1 && me.boardIds[0]) return navigate(paths.board(me.boardIds[0]), { replace: true })
      setTables((await fetchTables(me.workshopId, token)).boards)
    }
    load().catch(setError)
  }, [token])

  if (error instanceof ApiError && error.code === 'workshop_deleted') return <WorkshopGone />
  return (
    <>
      <AppHeader>{t('role.projector')}</AppHeader>
      <main className="pw-page">
        <div className="pw-card">
          <h1>{t('projector.heading')}</h1>
          {!token ? <p role="alert">{t('error.noToken')}</p> : null}
          <ErrorText error={error} />
          {tables ? (
            <ul className="pw-link-list pw-projector-tables">
              {tables.map((table, index) => (
                <li key={table.id}>
                  <button
                    type="button"
                    className="pw-button pw-button--secondary pw-table-choice"
                    onClick={() => navigate(paths.board(table.id))}
                  >
                    <span className="pw-choice__title">{table.title}</span>
                    <span className="pw-choice__detail">
                      {table.question || t('projector.table', { number: index + 1 })}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      </main>
    </>
  )
}
