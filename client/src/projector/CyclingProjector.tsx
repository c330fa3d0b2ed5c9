import { tableNumbers } from '@pinnwand/shared/controlApi'
import { lazy, Suspense, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { fetchTables } from '../api/apiClient.ts'
import { tabStorage } from '../session/deviceStorage.ts'
import { cycleIndex } from './workshopProjectorPlan.ts'

const BoardPage = lazy(() => import('../pages/BoardPage.tsx').then((m) => ({ default: m.BoardPage })))

/**
 * The workshop projector cycling through the tables: each table's own projector view (with its
 * big-screen modes — countdown, results, join) for `seconds`, then the next, in table-number
 * order, over and over. The index follows the clock, not a chain of timeouts, so a slow board
 * load does not make the screen drift; the table list is read again each round (a table added
 * in the meantime joins the cycle).
 */
export function CyclingProjector({
  workshopId,
  tables: initialTables,
  seconds,
}: {
  workshopId: string
  tables: { id: string; number: number }[]
  seconds: number
}) {
  const { t } = useTranslation()
  const [tables, setTables] = useState(initialTables)
  const [start] = useState(() => Date.now())
  const [now, setNow] = useState(start)
  useEffect(() => {
    const tick = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(tick)
  }, [])
  const index = cycleIndex(tables.length, seconds, now - start)
  const round = Math.floor((now - start) / (seconds * 1000 * Math.max(1, tables.length)))

  useEffect(() => {
    if (round === 0) return
    const token = tabStorage.getItem(`pinnwand-workshop-projector:${workshopId}`)
    if (!token) return
    fetchTables(workshopId, token)
      .then(({ boards }) => {
        const numbers = tableNumbers(boards)
        const next = boards.flatMap((b) => {
          const number = numbers.get(b.id)
          return number === undefined ? [] : [{ id: b.id, number }]
        })
        if (next.length > 0) setTables(next)
      })
      // The cycle goes on with the tables it knows; the next round tries again.
      .catch(() => {})
    // Once per round of the cycle, not on every tick.
  }, [round, workshopId])

  const current = tables[index] ?? tables[0]
  if (!current) return null
  return (
    <div data-testid="cycling-projector" data-board-id={current.id}>
      <p className="pw-visually-hidden" role="status">
        {t('workshopProjector.cycling', { number: current.number, count: tables.length, seconds })}
      </p>
      <Suspense fallback={null}>
        <BoardPage key={current.id} boardId={current.id} />
      </Suspense>
    </div>
  )
}
