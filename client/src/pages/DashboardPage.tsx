import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError, fetchWorkshop } from '../api/apiClient.ts'
import { DeleteWorkshopPanel } from '../dashboard/DeleteWorkshopPanel.tsx'
import { ParticipantsPanel } from '../dashboard/ParticipantsPanel.tsx'
import { SecretLinkPanel } from '../dashboard/SecretLinkPanel.tsx'
import { WorkshopExportButton } from '../export/WorkshopExportButton.tsx'
import { ReportSettingsPanel } from '../report/ReportSettingsPanel.tsx'
import { PlenaryAccess } from '../workshop/PlenaryAccess.tsx'
import { BulkActionsPanel } from '../dashboard/BulkActionsPanel.tsx'
import { TableCard } from '../dashboard/TableCard.tsx'
import { tableName } from '../dashboard/tableName.ts'
import { useWorkshopStatus } from '../dashboard/useWorkshopStatus.ts'
import { WorkshopProjectorPanel } from '../dashboard/WorkshopProjectorPanel.tsx'
import { usePolling } from '../dashboard/usePolling.ts'
import { WorkshopGone } from '../dashboard/WorkshopGone.tsx'
import { formatJoinCode, joinUrl } from '../join/joinCode.ts'
import { paths } from '../router.ts'
import { resolveFacilitatorToken } from '../session/facilitatorToken.ts'
import { identityStore } from '../session/identityStore.ts'
import { facilitatorLink, publicOrigin, takeJustCreated } from '../session/workshopLinks.ts'
import { LegalFooter } from '../privacy/LegalFooter.tsx'
import { RetentionPanel } from '../privacy/RetentionPanel.tsx'
import { AppHeader } from '../ui/AppHeader.tsx'
import { CopyButton } from '../ui/CopyButton.tsx'
import { ErrorText } from '../ui/ErrorText.tsx'
import { Link } from '../ui/Link.tsx'
import { NoAccess } from '../ui/NoAccess.tsx'

/** Live participant counts change by the second in a hall; every ~3 s is live enough and cheap. */
const POLL_MS = 3000

/** `/w/:workshopId`: the facilitator's overview of all tables. */
export function DashboardPage({ workshopId }: { workshopId: string }) {
  const { t, i18n } = useTranslation()
  const [token] = useState(() => resolveFacilitatorToken(workshopId))
  const [justCreated] = useState(() => takeJustCreated(workshopId))
  const load = useCallback(() => fetchWorkshop(workshopId, token ?? ''), [workshopId, token])
  const { data, error, refresh } = usePolling(token ? load : null, POLL_MS)
  const live = useWorkshopStatus(workshopId, token)
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set())
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => setNow(Date.now()), [data])

  const denied = error instanceof ApiError && (error.status === 401 || error.status === 403)
  const [deletedHere, setDeletedHere] = useState(false)
  const gone = deletedHere || (error instanceof ApiError && error.code === 'workshop_deleted')
  useEffect(() => {
    if (denied || gone) identityStore.forgetFacilitatorToken(workshopId)
  }, [denied, gone, workshopId])
  useEffect(() => {
    if (data) document.title = `${data.workshop.title} – ${t('dashboard.title')}`
  }, [data, t])

  if (gone) return <WorkshopGone justDeleted={deletedHere} />
  if (!token || denied) return <NoAccess />
  if (!data) {
    return (
      <>
        <AppHeader />
        <main className="pw-page" aria-busy={!error}>
          {error ? <ErrorText error={error} /> : <p role="status">{t('common.loading')}</p>}
        </main>
      </>
    )
  }

  const { workshop, boards } = data
  const origin = publicOrigin(workshopId)
  const participantLink = joinUrl(origin, workshop.joinCode)
  const dateText = workshop.date
    ? new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long' }).format(new Date(`${workshop.date}T12:00:00`))
    : null
  const liveTables = new Map((live.status?.tables ?? []).map((table) => [table.id, table]))
  const tableCount = (live.status?.tables ?? []).filter((table) => table.number !== null).length
  const peopleNow = boards.reduce((sum, board) => sum + (liveTables.get(board.id)?.present ?? board.participants), 0)
  const toggle = (boardId: string, on: boolean) =>
    setSelected((current) => {
      const next = new Set(current)
      if (on) next.add(boardId)
      else next.delete(boardId)
      return next
    })

  return (
    <>
      <AppHeader>{t('dashboard.title')}</AppHeader>
      <main className="pw-page pw-dashboard">
        <div className="pw-dashboard__title">
          <h1>{workshop.title}</h1>
          <p className="pw-hint">
            {dateText ? `${dateText} · ` : ''}
            {t('dashboard.summary', {
              tables: t('dashboard.tables', { count: boards.length }),
              people: t('dashboard.peopleNow', { count: peopleNow }),
            })}
          </p>
          <WorkshopExportButton workshopId={workshopId} token={token} />
        </div>
        {error || live.stale ? (
          <p className="pw-warning" role="status">
            {t('dashboard.stale')}
          </p>
        ) : null}
        <section className="pw-card pw-join-panel" aria-labelledby="join-panel-heading">
          <h2 id="join-panel-heading">{t('dashboard.joinHeading')}</h2>
          <div className="pw-join-panel__grid">
            <div>
              <p className="pw-hint">{t('dashboard.joinCode')}</p>
              <p className="pw-join-code-display" data-testid="join-code">
                {formatJoinCode(workshop.joinCode)}
              </p>
            </div>
            <div className="pw-field">
              <label htmlFor="participant-link">{t('dashboard.participantLink')}</label>
              <div className="pw-inline">
                <input
                  id="participant-link"
                  className="pw-input pw-input--mono"
                  readOnly
                  value={participantLink}
                  onFocus={(event) => event.target.select()}
                />
                <CopyButton text={participantLink} label={t('common.copy')} />
              </div>
              <Link to={paths.joinSheet(workshopId)} className="pw-button pw-button--secondary pw-join-panel__print">
                {t('dashboard.printJoinSheet')}
              </Link>
            </div>
          </div>
        </section>
        <SecretLinkPanel
          link={facilitatorLink(workshopId, token, origin)}
          workshopId={workshopId}
          token={token}
          open={justCreated}
        />
        {live.status ? (
          <BulkActionsPanel
            workshopId={workshopId}
            token={token}
            tables={live.status.tables}
            selected={selected}
            onDone={refresh}
          />
        ) : null}
        <section aria-labelledby="tables-heading">
          <h2 id="tables-heading">{t('dashboard.tablesHeading', { count: boards.length })}</h2>
          <div className="pw-table-grid">
            {boards.map((board) => (
              <TableCard
                key={board.id}
                board={board}
                token={token}
                joinCode={workshop.joinCode}
                origin={origin}
                now={now}
                onChanged={refresh}
                live={liveTables.get(board.id)}
                tableCount={tableCount}
                clockOffset={live.clockOffset}
                selected={selected.has(board.id)}
                onSelectedChange={(on) => toggle(board.id, on)}
              />
            ))}
          </div>
        </section>
        <WorkshopProjectorPanel
          workshopId={workshopId}
          token={token}
          origin={origin}
          tables={boards.map((board) => {
            const table = liveTables.get(board.id)
            return {
              id: board.id,
              name: table ? tableName(t, table) : board.title,
              kind: board.kind === 'plenary' ? 'plenary' : 'table',
            }
          })}
        />
        <PlenaryAccess boards={boards} token={token} onChanged={refresh} />
        <ReportSettingsPanel overview={data} token={token} onChanged={refresh} />
        <ParticipantsPanel workshopId={workshopId} token={token} />
        <RetentionPanel workshopId={workshopId} token={token} />
        <DeleteWorkshopPanel
          workshopId={workshopId}
          title={workshop.title}
          token={token}
          onDeleted={() => setDeletedHere(true)}
        />
      </main>
      <LegalFooter />
    </>
  )
}
