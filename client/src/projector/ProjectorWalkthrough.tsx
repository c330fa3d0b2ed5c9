import { useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { GatheredTable } from '../plenary/gatheredCards.ts'
import { useFitText } from './fitText.ts'

/** Entry sizes tried, largest first (px): never below 40 px, the ranking's floor for 20 m. */
const SIZES = [80, 72, 64, 56, 48, 44, 40]
const PAGE_SIZE = 40
/** A table whose shortlist needs several screens shows each this long. */
const PAGE_MS = 12_000

/**
 * The plenary walkthrough: one table's shortlist full screen — the table's name and number, then
 * its ideas in shortlist order with their rank and points from the table's round, wrapped,
 * never cut. `step` picks the table (keys ← / → on the projector, or the facilitator's buttons).
 */
export function ProjectorWalkthrough({
  boardTitle,
  tables,
  step,
}: {
  boardTitle: string | null
  tables: GatheredTable[]
  step: number
}) {
  const { t } = useTranslation()
  const index = Math.min(Math.max(0, step), Math.max(0, tables.length - 1))
  const table = tables[index]
  const measure = useRef<HTMLOListElement>(null)
  const key = useMemo(() => JSON.stringify(table ?? null), [table])
  const fit = useFitText(measure, SIZES, PAGE_SIZE, key)
  const page = useCyclingPage(fit.pages.length, key)
  const ideas = table?.ideas ?? []
  const shown = (fit.pages[page] ?? ideas.map((_, i) => i)).map((i) => ideas[i]!).filter(Boolean)

  if (!table) {
    return (
      <section className="pw-stage pw-stage--walkthrough" data-testid="projector-walkthrough" data-ready="false">
        <header className="pw-stage__head">
          {boardTitle ? <p className="pw-stage__board">{boardTitle}</p> : null}
          <h1 className="pw-stage__title">{t('projectorMode.walkthrough')}</h1>
        </header>
        <p className="pw-stage__waiting">{t('plenary.walkthrough.empty')}</p>
      </section>
    )
  }
  const row = (idea: GatheredTable['ideas'][number], measuring: boolean) => (
    <li
      key={idea.id}
      className="pw-stage__row pw-walkthrough__row"
      data-fit-item=""
      data-testid={measuring ? undefined : 'walkthrough-row'}
    >
      <span className="pw-stage__rank">{idea.origin.rank !== null ? `${idea.origin.rank}.` : '·'}</span>
      <span className="pw-stage__idea" data-testid={measuring ? undefined : 'walkthrough-text'}>
        {idea.text}
      </span>
      <span className="pw-walkthrough__votes">
        {idea.origin.votes !== null ? t('plenary.origin.votes', { count: idea.origin.votes }) : ''}
      </span>
    </li>
  )
  return (
    <section
      className="pw-stage pw-stage--walkthrough"
      data-testid="projector-walkthrough"
      data-ready={fit.settled}
      data-step={index}
      data-pages={fit.pages.length}
    >
      <header className="pw-stage__head">
        {boardTitle ? <p className="pw-stage__board">{boardTitle}</p> : null}
        <h1 className="pw-stage__title" data-testid="walkthrough-table">
          {t('plenary.origin.table', { number: table.tableNumber })}: {table.title}
        </h1>
        <p className="pw-stage__note" data-testid="walkthrough-position">
          {t('projectorMode.tableOf', { number: index + 1, total: tables.length })} ·{' '}
          {t('plenary.walkthrough.ideas', { count: ideas.length })}
          {fit.pages.length > 1 ? ` · ${t('projectorMode.page', { page: page + 1, pages: fit.pages.length })}` : ''}
        </p>
      </header>
      <div className="pw-stage__ranking-area">
        <ol className="pw-stage__ranking" style={{ fontSize: fit.size }} aria-live="polite">
          {shown.map((idea) => row(idea, false))}
        </ol>
        <ol className="pw-stage__ranking pw-stage__ranking--measure" ref={measure} aria-hidden="true">
          {ideas.map((idea) => row(idea, true))}
        </ol>
      </div>
    </section>
  )
}

/** A table that needs several screens shows them in turn; a new table starts at its first. */
function useCyclingPage(count: number, key: string): number {
  const [state, setState] = useState({ key, cycle: 0 })
  useEffect(() => {
    if (count <= 1) return
    const timer = setInterval(() => setState((s) => ({ key, cycle: s.key === key ? s.cycle + 1 : 1 })), PAGE_MS)
    return () => clearInterval(timer)
  }, [count, key])
  return count <= 1 || state.key !== key ? 0 : state.cycle % count
}
