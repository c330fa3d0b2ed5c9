import '../workshop/workshopAdmin.css'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { fetchTables, takeSeat } from '../api/apiClient.ts'
import { navigate, paths } from '../router.ts'
import { rememberBoardToken } from '../session/boardToken.ts'
import { identityStore } from '../session/identityStore.ts'
import { ErrorText } from '../ui/ErrorText.tsx'
import { Link } from '../ui/Link.tsx'

type Table = { id: string; title: string; question: string }

/**
 * The board refused this participant because the table has reached its limit (close code
 * 4429): say so, and offer the workshop's other tables right here, with the same identity.
 */
export function TableFullScreen({
  boardId,
  workshopId,
  token,
}: {
  boardId: string
  workshopId: string
  token: string
}) {
  const { t } = useTranslation()
  const [tables, setTables] = useState<Table[] | null>(null)
  const [full, setFull] = useState<string[]>([boardId])
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)

  useEffect(() => {
    fetchTables(workshopId, token).then((answer) => setTables(answer.boards), setError)
  }, [workshopId, token])

  const current = tables?.find((table) => table.id === boardId)
  const others = (tables ?? []).filter((table) => table.id !== boardId)

  const choose = async (table: Table) => {
    setBusy(true)
    setError(null)
    try {
      await takeSeat(table.id, token)
      identityStore.rememberBoard(table.id, workshopId)
      rememberBoardToken(table.id, token)
      navigate(paths.board(table.id))
    } catch (cause) {
      setError(cause)
      setFull((ids) => [...ids, table.id])
      setBusy(false)
    }
  }

  return (
    <main className="pw-page pw-join" data-testid="table-full">
      <div className="pw-card" role="alert">
        <h1>{t('tableFull.heading')}</h1>
        {current ? <p className="pw-hint">{current.title}</p> : null}
        <p>{others.length > 0 || !tables ? t('tableFull.body') : t('tableFull.none')}</p>
      </div>
      {others.length > 0 ? (
        <ul className="pw-link-list pw-card" aria-label={t('join.chooseTable')}>
          {others.map((table) => (
            <li key={table.id}>
              <button
                type="button"
                className="pw-button pw-button--secondary pw-table-choice"
                disabled={busy || full.includes(table.id)}
                onClick={() => void choose(table)}
              >
                <span className="pw-choice__title">{table.title}</span>
                {table.question ? <span className="pw-choice__detail">{table.question}</span> : null}
                {full.includes(table.id) ? <span className="pw-badge">{t('join.full')}</span> : null}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <ErrorText error={error} />
      <p>
        <Link to="/" className="pw-button pw-button--quiet">
          {t('tableFull.toStart')}
        </Link>
      </p>
    </main>
  )
}
