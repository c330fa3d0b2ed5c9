import type { RoundDto, RoundStateSection } from '@pinnwand/shared/votingApi'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useBoardContext } from '../board/BoardContext.ts'
import { RankingList } from './RankingList.tsx'
import { votingApi } from './votingHttp.ts'

/**
 * Every earlier round of the board with its settings and, where the caller may see it, its
 * ranking (results are kept for every round). The current round is shown above, not here.
 */
export function RoundHistory({ current }: { current: RoundStateSection | null }) {
  const { t } = useTranslation()
  const { boardId, token, me } = useBoardContext()
  const [rounds, setRounds] = useState<RoundDto[] | null>(null)
  useEffect(() => {
    let cancelled = false
    votingApi.listRounds(boardId, token).then(
      (list) => !cancelled && setRounds(list.rounds),
      () => undefined,
    )
    return () => {
      cancelled = true
    }
  }, [boardId, token, current?.id, current?.status])
  const earlier = (rounds ?? []).filter((r) => r.id !== current?.id).reverse()
  if (earlier.length === 0) return null
  const number = (r: RoundDto) => (rounds ?? []).indexOf(r) + 1
  return (
    <section className="pw-round-history" data-testid="round-history">
      <h3 className="pw-voting__subtitle">{t('voting.history.title')}</h3>
      {earlier.map((round) => (
        <details key={round.id} className="pw-round-history__round" data-testid="history-round">
          <summary>
            {t('voting.history.round', { n: number(round) })} · {t(`voting.status.${round.status}`)} ·{' '}
            {t('voting.progress', {
              voters: t('voting.voters', { count: round.progress.voters }),
              dots: t('voting.dotsPlaced', { count: round.progress.totalVotes }),
            })}
          </summary>
          <p className="pw-muted">
            {t('voting.settings', { count: round.dotsPerParticipant })}
            {round.maxPerIdea !== null ? ` · ${t('voting.settingsCap', { count: round.maxPerIdea })}` : ''}
            {' · '}
            {round.ideaIds
              ? t('voting.history.someIdeas', { count: round.ideaIds.length })
              : t('voting.history.allIdeas')}
          </p>
          {round.results ? (
            <RankingList
              roundId={round.id}
              results={round.results}
              canPromote={me.role === 'facilitator' && round.status === 'revealed'}
            />
          ) : (
            <p className="pw-muted">{t('voting.history.hidden')}</p>
          )}
        </details>
      ))}
    </section>
  )
}
