import type { RoundResultsDto } from '@pinnwand/shared/votingApi'
import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useBoardContext } from '../board/BoardContext.ts'
import { describeError } from './describeError.ts'
import { rankingRows, topRanked } from './rankingView.ts'
import { changeShortlist, useShortlist } from './shortlistStore.ts'
import { useAction } from './useAction.ts'
import { runOffFor } from './runOff.ts'
import { votingApi } from './votingHttp.ts'

/**
 * A round's ranking: rank, idea, dots (proxy votes marked); ideas with the same dots share a
 * rank and say so. The facilitator promotes the top N or picked ideas to the shortlist.
 */
export function RankingList({
  roundId,
  results,
  canPromote,
}: {
  roundId: string
  results: RoundResultsDto
  canPromote: boolean
}) {
  const { t } = useTranslation()
  const id = useId()
  const { voted, withoutDots } = rankingRows(results.ranking)
  const listed = new Set((useShortlist((s) => s.entries) ?? []).map((e) => e.ideaId))
  const [picked, setPicked] = useState<string[]>([])

  return (
    <div className="pw-ranking" data-testid="ranking">
      <p className="pw-muted">
        {t('voting.progress', {
          voters: t('voting.voters', { count: results.voters }),
          dots: t('voting.dotsPlaced', { count: results.totalVotes }),
        })}
      </p>
      {voted.length === 0 ? <p className="pw-muted">{t('voting.ranking.noDots')}</p> : null}
      <ol className="pw-ranking__list" aria-label={t('voting.ranking.title')}>
        {voted.map((entry) => (
          <li
            key={entry.ideaId}
            className="pw-ranking__row"
            data-testid="ranking-row"
            data-rank={entry.rank}
            data-votes={entry.votes}
            data-idea-id={entry.ideaId}
          >
            <span className="pw-ranking__rank">
              {t('voting.rankShort', { rank: entry.rank })}
              {entry.tied ? <span className="pw-ranking__tie"> {t('voting.ranking.tie')}</span> : null}
            </span>
            <span className="pw-ranking__text">
              {canPromote ? (
                <label className="pw-vote-choice">
                  <input
                    type="checkbox"
                    checked={picked.includes(entry.ideaId)}
                    onChange={(e) =>
                      setPicked((now) =>
                        e.target.checked ? [...now, entry.ideaId] : now.filter((x) => x !== entry.ideaId),
                      )
                    }
                  />
                  <span>{entry.text || t('voting.ranking.removedIdea')}</span>
                </label>
              ) : (
                entry.text || t('voting.ranking.removedIdea')
              )}
              {listed.has(entry.ideaId) ? (
                <span className="pw-ranking__listed"> · {t('voting.shortlist.listed')}</span>
              ) : null}
            </span>
            <span className="pw-ranking__votes">
              {t('voting.ranking.dots', { count: entry.votes })}
              {entry.proxyVotes ? (
                <span className="pw-ranking__proxy"> ({t('voting.ranking.proxy', { count: entry.proxyVotes })})</span>
              ) : null}
            </span>
          </li>
        ))}
      </ol>
      {withoutDots.length > 0 ? (
        <details className="pw-ranking__zero">
          <summary>{t('voting.ranking.withoutDots', { count: withoutDots.length })}</summary>
          <ul>
            {withoutDots.map((e) => (
              <li key={e.ideaId}>{e.text || t('voting.ranking.removedIdea')}</li>
            ))}
          </ul>
        </details>
      ) : null}
      {results.ballots ? (
        <details className="pw-ranking__ballots" data-testid="ballots">
          <summary>{t('voting.ranking.ballots', { count: results.ballots.length })}</summary>
          <ul>
            {results.ballots.map((b) => (
              <li key={b.voterId}>
                <strong>{b.name}</strong>
                {b.proxy ? ` (${t('voting.ranking.proxyVoter')})` : ''}:{' '}
                {Object.entries(b.votes)
                  .map(([ideaId, n]) => `${results.ranking.find((r) => r.ideaId === ideaId)?.text ?? '?'} ×${n}`)
                  .join('; ')}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {canPromote && voted.length > 0 ? (
        <Promote roundId={roundId} results={results} picked={picked} onDone={() => setPicked([])} idPrefix={id} />
      ) : null}
    </div>
  )
}

function Promote({
  roundId,
  results,
  picked,
  onDone,
  idPrefix,
}: {
  roundId: string
  results: RoundResultsDto
  picked: string[]
  onDone(): void
  idPrefix: string
}) {
  const { t } = useTranslation()
  const { boardId, token } = useBoardContext()
  const [top, setTop] = useState('3')
  const action = useAction()
  const n = Math.floor(Number(top))
  const valid = n >= 1 && n <= 50
  const preview = valid ? topRanked(results.ranking, n).length : 0
  // A tie across the cut-off: one click opens a Stichwahl over exactly the tied ideas.
  const runOff = valid ? runOffFor(results.ranking, n) : null
  const current = useShortlist((s) => s.entries) ?? []
  return (
    // Keys typed into these fields must not reach the canvas's shortcuts (not an interaction).
    // eslint-disable-next-line jsx-a11y/no-static-element-interactions
    <div className="pw-promote" onKeyDown={(event) => event.stopPropagation()}>
      <div className="pw-promote__row">
        <label htmlFor={`${idPrefix}-top`}>{t('voting.shortlist.topLabel')}</label>
        <input
          id={`${idPrefix}-top`}
          className="pw-input pw-round-form__number"
          type="number"
          min={1}
          max={50}
          value={top}
          data-testid="promote-top-n"
          onChange={(e) => setTop(e.target.value)}
        />
        <button
          type="button"
          className="pw-button"
          disabled={!valid || action.busy}
          data-testid="promote-top"
          onClick={() =>
            void action.run(() => changeShortlist(boardId, () => votingApi.promote(boardId, roundId, n, token)))
          }
        >
          {t('voting.shortlist.promoteTop', { count: preview })}
        </button>
      </div>
      {preview > n ? <p className="pw-muted">{t('voting.shortlist.tieNote')}</p> : null}
      {runOff ? (
        <button
          type="button"
          className="pw-button pw-button--secondary"
          disabled={action.busy}
          data-testid="run-off"
          onClick={() =>
            void action.run(() =>
              votingApi.openRound(boardId, { dotsPerParticipant: runOff.places, ideaIds: runOff.ideaIds }, token),
            )
          }
        >
          {t('runOff.open', { ideas: runOff.ideaIds.length, count: runOff.places })}
        </button>
      ) : null}
      <button
        type="button"
        className="pw-button pw-button--secondary"
        disabled={picked.length === 0 || action.busy}
        data-testid="promote-picked"
        onClick={() =>
          void action
            .run(() =>
              changeShortlist(boardId, () =>
                votingApi.setShortlist(
                  boardId,
                  [...current.map((e) => e.ideaId), ...picked.filter((p) => !current.some((e) => e.ideaId === p))],
                  token,
                ),
              ),
            )
            .then((ok) => ok && onDone())
        }
      >
        {t('voting.shortlist.promotePicked', { count: picked.length })}
      </button>
      <div role="alert" className="pw-voting__error">
        {action.error ? describeError(t, action.error) : null}
      </div>
    </div>
  )
}
