import type { RoundResultsDto, RoundStateSection } from '@pinnwand/shared/votingApi'
import { type CSSProperties, useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useFitText } from './fitText.ts'
import type { RankingRow } from './rankingRows.ts'

/** Entry sizes tried, largest first (px): 40 px and more reads from 20 m; long ideas shrink to 28 px. */
const SIZES = [80, 72, 64, 56, 48, 44, 40, 36, 32, 28]
/** When even 28 px does not fit the whole ranking, it is shown in pages at this size. */
const PAGE_SIZE = 40
/** With everything revealed and several pages, each page stays this long. */
const PAGE_MS = 12_000

/**
 * The ranking full screen: wrapped, never cut; revealed place by place from the last
 * (`shownPlaces`, from the facilitator or the projector's keys) or all at once; ties marked.
 */
export function ProjectorResults({
  title,
  round,
  results,
  rows,
  shownPlaces,
  manualPage,
  onPaging,
  onTurn,
}: {
  title: string | null
  round: RoundStateSection | null
  results: RoundResultsDto | null
  rows: RankingRow[]
  shownPlaces: number | null
  /** The page someone turned to (keys or buttons); null: the pages take turns by themselves. */
  manualPage: number | null
  /** Tells the screen how many pages there are and which is shown (for the keys). */
  onPaging: (pages: number, shownPage: number) => void
  onTurn: (page: number) => void
}) {
  const { t } = useTranslation()
  const measure = useRef<HTMLOListElement>(null)
  const key = useMemo(() => JSON.stringify(rows.map((r) => [r.ideaId, r.text, r.votes, r.rank])), [rows])
  const fit = useFitText(measure, SIZES, PAGE_SIZE, key)
  const visible = (row: RankingRow) => shownPlaces === null || row.revealOrder < shownPlaces
  const page = useShownPage(fit.pages, rows, shownPlaces, visible, manualPage)
  const pageCount = fit.pages.length
  useEffect(() => onPaging(pageCount, page), [pageCount, page, onPaging])
  const pageRows = (fit.pages[page] ?? rows.map((_, i) => i)).map((i) => rows[i]!).filter(Boolean)

  const heading = (
    <header className="pw-stage__head">
      {title ? <p className="pw-stage__board">{title}</p> : null}
      <h1 className="pw-stage__title">{t('projectorView.ranking')}</h1>
      {results ? (
        <p className="pw-stage__note">
          {t('projectorView.rankingSummary', { voters: results.voters, count: results.totalVotes })}
          {fit.pages.length > 1 ? ` · ${t('projectorMode.page', { page: page + 1, pages: fit.pages.length })}` : ''}
        </p>
      ) : null}
    </header>
  )
  if (!round || round.status !== 'revealed' || !results) {
    const waiting = !round
      ? t('projectorMode.noResults')
      : round.status === 'revealed'
        ? t('common.loading')
        : round.status === 'open'
          ? t('projectorView.voteOpen')
          : t('projectorView.resultSoon')
    return (
      <section className="pw-stage pw-stage--results" data-testid="projector-results" data-ready="false">
        {heading}
        <p className="pw-stage__waiting">{waiting}</p>
      </section>
    )
  }
  const row = (r: RankingRow, measuring: boolean) => (
    <li
      key={r.ideaId}
      className="pw-stage__row"
      data-fit-item=""
      data-testid={measuring ? undefined : 'projector-result-row'}
      data-rank={r.rank}
      data-tied={r.tied}
      data-hidden={!measuring && !visible(r)}
      style={{ '--pw-share': r.share } as CSSProperties}
    >
      <span className="pw-stage__rank">
        {r.rank}.{r.tied ? <small>{t('projectorView.tie')}</small> : null}
      </span>
      <span className="pw-stage__idea" data-testid={measuring ? undefined : 'projector-result-text'}>
        {r.text}
      </span>
      <span className="pw-stage__votes" aria-label={t('projectorView.votes', { count: r.votes })}>
        {r.votes}
      </span>
      <span className="pw-stage__bar" aria-hidden="true" />
    </li>
  )
  return (
    <section
      className="pw-stage pw-stage--results"
      data-testid="projector-results"
      data-ready={fit.settled}
      data-stepped={shownPlaces !== null}
      data-pages={fit.pages.length}
    >
      {heading}
      <div className="pw-stage__ranking-area">
        <ol className="pw-stage__ranking" style={{ fontSize: fit.size }} aria-live="polite">
          {pageRows.map((r) => row(r, false))}
        </ol>
        <ol className="pw-stage__ranking pw-stage__ranking--measure" ref={measure} aria-hidden="true">
          {rows.map((r) => row(r, true))}
        </ol>
      </div>
      {pageCount > 1 && shownPlaces === null ? (
        <nav className="pw-stage__pager" aria-label={t('projectorMode.pager')}>
          <button
            type="button"
            className="pw-button pw-button--secondary"
            data-testid="projector-page-previous"
            disabled={page === 0}
            onClick={() => onTurn(page - 1)}
          >
            {t('projectorMode.previousPage')}
          </button>
          <button
            type="button"
            className="pw-button pw-button--secondary"
            data-testid="projector-page-next"
            disabled={page === pageCount - 1}
            onClick={() => onTurn(page + 1)}
          >
            {t('projectorMode.nextPage')}
          </button>
        </nav>
      ) : null}
    </section>
  )
}

/**
 * Which page is on screen: while revealing step by step, the one with the newest place (the
 * highest revealed so far); with everything out, the page someone turned to, or else each page in
 * turn.
 */
function useShownPage(
  pages: number[][],
  rows: RankingRow[],
  shownPlaces: number | null,
  visible: (row: RankingRow) => boolean,
  manualPage: number | null,
): number {
  const [cycle, setCycle] = useState(0)
  const count = pages.length
  useEffect(() => {
    if (shownPlaces !== null || count <= 1 || manualPage !== null) return
    const timer = setInterval(() => setCycle((n) => n + 1), PAGE_MS)
    return () => clearInterval(timer)
  }, [shownPlaces, count, manualPage])
  if (count <= 1) return 0
  if (shownPlaces === null) return manualPage !== null ? Math.min(count - 1, Math.max(0, manualPage)) : cycle % count
  const newest = rows.findIndex(visible)
  if (newest < 0) return count - 1
  return Math.max(
    0,
    pages.findIndex((page) => page.includes(newest)),
  )
}
