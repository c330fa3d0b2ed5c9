import type { BoardPhase } from '@pinnwand/shared/boardState'
import type { RoundResultsDto, RoundStateSection } from '@pinnwand/shared/votingApi'
import { type CSSProperties, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { formatCountdown } from '../facilitation/countdown.ts'
import { useCountdown } from '../facilitation/useCountdown.ts'
import { roundTimer } from '../voting/index.ts'
import { fetchRoundResults } from './projectorApi.ts'
import { rankingRows } from './rankingRows.ts'

const RANKING_PLACES = 8
const RESULTS_RETRY_MS = 3000

/**
 * Whether the round belongs on the big screen: while open; afterwards (closed, revealed) in the
 * vote and results phases, and also in another phase if this screen watched the round open — until
 * the facilitator moves to collecting or clustering again.
 */
export function useShownRound(
  round: RoundStateSection | null | undefined,
  phase: BoardPhase,
): RoundStateSection | null {
  const [watched, setWatched] = useState<string | null>(null)
  const previousPhase = useRef(phase)
  useEffect(() => {
    if (round?.status === 'open') setWatched(round.id)
  }, [round?.id, round?.status])
  useEffect(() => {
    if (previousPhase.current !== phase && (phase === 'collect' || phase === 'cluster')) setWatched(null)
    previousPhase.current = phase
  }, [phase])
  if (!round) return null
  const shown = round.status === 'open' || round.id === watched || phase === 'vote' || phase === 'results'
  return shown ? round : null
}

/**
 * The voting round on the projector: progress while open (never who voted for what), then the
 * animated ranking. Results are fetched here rather than with the voting panel's useRoundResults
 * because the big screen must retry by itself after a network blip.
 */
export function ProjectorRound({ round, token }: { round: RoundStateSection; token: string }) {
  if (round.status === 'revealed') return <RevealedRanking roundId={round.id} token={token} />
  return <RoundProgress round={round} />
}

function RoundProgress({ round }: { round: RoundStateSection }) {
  const { t } = useTranslation()
  const timer = roundTimer(round)
  const { remainingMs } = useCountdown(timer)
  return (
    <section
      className="pw-projector__round"
      data-testid="projector-round"
      data-status={round.status}
      aria-live="polite"
    >
      <h2 className="pw-projector__round-title">
        {round.status === 'open' ? t('projectorView.voteOpen') : t('projectorView.voteClosed')}
      </h2>
      <dl className="pw-projector__figures">
        <div>
          <dt>{t('projectorView.voters')}</dt>
          <dd data-testid="projector-voters">{round.voters}</dd>
        </div>
        <div>
          <dt>{t('projectorView.dotsPlaced')}</dt>
          <dd data-testid="projector-dots">{round.totalVotes}</dd>
        </div>
      </dl>
      <p className="pw-projector__round-note">
        {round.status === 'open'
          ? t('projectorView.dotsEach', { count: round.dotsPerParticipant })
          : t('projectorView.resultSoon')}
        {timer ? ` · ${t('projectorView.roundEndsIn', { time: formatCountdown(remainingMs) })}` : ''}
      </p>
    </section>
  )
}

function RevealedRanking({ roundId, token }: { roundId: string; token: string }) {
  const { t } = useTranslation()
  const [results, setResults] = useState<RoundResultsDto | null>(null)
  useEffect(() => {
    let cancelled = false
    let retry: ReturnType<typeof setTimeout> | null = null
    const load = () => {
      fetchRoundResults(roundId, token).then(
        (loaded) => {
          if (!cancelled) setResults(loaded)
        },
        () => {
          // The network blinked: the big screen keeps trying by itself.
          if (!cancelled) retry = setTimeout(load, RESULTS_RETRY_MS)
        },
      )
    }
    setResults(null)
    load()
    return () => {
      cancelled = true
      if (retry) clearTimeout(retry)
    }
  }, [roundId, token])

  const rows = results ? rankingRows(results.ranking, RANKING_PLACES) : []
  return (
    <section className="pw-projector__ranking" data-testid="projector-ranking" aria-live="polite">
      <h2 className="pw-projector__round-title">{t('projectorView.ranking')}</h2>
      {results ? (
        <>
          <p className="pw-projector__round-note">
            {t('projectorView.rankingSummary', { voters: results.voters, count: results.totalVotes })}
          </p>
          <ol className="pw-projector__ranking-list">
            {rows.map((row) => (
              <li
                key={row.ideaId}
                className="pw-projector__ranking-row"
                data-testid="projector-ranking-row"
                data-rank={row.rank}
                style={{ '--pw-reveal': row.revealOrder, '--pw-share': row.share } as CSSProperties}
              >
                <span className="pw-projector__rank">
                  {row.rank}.{row.tied ? <small>{t('projectorView.tie')}</small> : null}
                </span>
                <span className="pw-projector__idea">{row.text}</span>
                <span className="pw-projector__votes" aria-label={t('projectorView.votes', { count: row.votes })}>
                  {row.votes}
                </span>
                <span className="pw-projector__bar" aria-hidden="true" />
              </li>
            ))}
          </ol>
        </>
      ) : (
        <p className="pw-projector__round-note">{t('common.loading')}</p>
      )}
    </section>
  )
}
