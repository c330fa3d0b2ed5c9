import { tableNumbers } from '@pinnwand/shared/controlApi'
import { tableName } from '@pinnwand/shared/tableName'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError, fetchMe, fetchTables } from '../api/apiClient.ts'
import { WorkshopGone } from '../dashboard/WorkshopGone.tsx'
import { CyclingProjector } from '../projector/CyclingProjector.tsx'
import { parsePlan } from '../projector/workshopProjectorPlan.ts'
import { navigate, paths } from '../router.ts'
import { rememberBoardToken, stripTokenFromAddress } from '../session/boardToken.ts'
import { tabStorage } from '../session/deviceStorage.ts'
import { AppHeader } from '../ui/AppHeader.tsx'
import { ErrorText } from '../ui/ErrorText.tsx'
import '../workshop/workshopAdmin.css'

type Table = { id: string; title: string; question: string; kind?: 'table' | 'plenary' }

/** The address bar loses `?token=` (stripTokenFromAddress): a reload of the projector finds it here. */
const tokenKey = (workshopId: string) => `pinnwand-workshop-projector:${workshopId}`

/**
 * `/w/:workshopId/projector?token=…`: the workshop-wide read-only link (dashboard, or the API's
 * creation response). The token opens every table. The link's plan (workshopProjectorPlan.ts)
 * says what to show: one table or the plenary (the board's own projector view), or every table in
 * turn; a link without one lets the person at the projector pick a table.
 */
export function ProjectorEntryPage({ workshopId }: { workshopId: string }) {
  const { t } = useTranslation()
  const [token] = useState(() => {
    const fromUrl = new URL(location.href).searchParams.get('token')
    if (fromUrl) tabStorage.setItem(tokenKey(workshopId), fromUrl)
    return fromUrl ?? tabStorage.getItem(tokenKey(workshopId))
  })
  const [plan] = useState(() => parsePlan(new URL(location.href).searchParams))
  const [tables, setTables] = useState<Table[] | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [missing, setMissing] = useState<'noPlenary' | 'noTable' | null>(null)

  useEffect(() => {
    stripTokenFromAddress()
    if (!token) return
    const load = async () => {
      const me = await fetchMe(token)
      for (const boardId of me.boardIds) rememberBoardToken(boardId, token)
      if (me.boardIds.length === 1 && me.boardIds[0]) return navigate(paths.board(me.boardIds[0]), { replace: true })
      const { boards } = await fetchTables(me.workshopId, token)
      if (plan?.show === 'table') {
        if (boards.some((b) => b.id === plan.boardId)) return navigate(paths.board(plan.boardId), { replace: true })
        setMissing('noTable')
      }
      if (plan?.show === 'plenary') {
        const plenary = boards.find((b) => b.kind === 'plenary')
        if (plenary) return navigate(paths.board(plenary.id), { replace: true })
        setMissing('noPlenary')
      }
      setTables(boards)
    }
    load().catch(setError)
  }, [token, plan])

  if (error instanceof ApiError && error.code === 'workshop_deleted') return <WorkshopGone />
  const numbers = tableNumbers(tables ?? [])
  if (plan?.show === 'cycle' && tables && token) {
    const cycled = tables
      .filter((table) => numbers.has(table.id))
      .map((table) => ({ id: table.id, number: numbers.get(table.id) ?? 0 }))
    if (cycled.length > 0) return <CyclingProjector workshopId={workshopId} tables={cycled} seconds={plan.seconds} />
  }
  return (
    <>
      <AppHeader>{t('role.projector')}</AppHeader>
      <main className="pw-page">
        <div className="pw-card">
          <h1>{t('projector.heading')}</h1>
          {!token ? <p role="alert">{t('error.noToken')}</p> : null}
          {missing ? <p role="alert">{t(`workshopProjector.${missing}`)}</p> : null}
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
                    <span className="pw-choice__title">
                      {tableName(table.title, numbers.get(table.id), (number, title) =>
                        t('control.tableName', { number, title }),
                      )}
                    </span>
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
