import type { RoundStateSection } from '@pinnwand/shared/votingApi'
import { useTranslation } from 'react-i18next'
import { useBoardContext } from '../board/BoardContext.ts'
import { RankingList } from './RankingList.tsx'
import { RoundControls, RoundStatusLine } from './RoundControls.tsx'
import { RoundHistory } from './RoundHistory.tsx'
import { ShortlistSection } from './ShortlistSection.tsx'
import { useRound } from './useRound.ts'
import { useRoundResults } from './useRoundResults.ts'
import { useMayVote } from './useMayVote.ts'
import { VoteList } from './VoteList.tsx'
import './voting.css'

/**
 * The voting panel of the side drawer (id `voting`): the round (facilitator: open, pause, add a
 * minute, close, reveal, proxy votes), the list of ideas to give dots to (phone, keyboard, screen
 * reader), the ranking after the reveal, the shortlist, and every earlier round.
 */
export function VotingPanel() {
  const { t } = useTranslation()
  const { me } = useBoardContext()
  const round = useRound()
  const facilitator = me.role === 'facilitator'
  const mayVote = useMayVote(me.role, round)
  return (
    <div className="pw-voting" data-testid="voting-panel">
      <h2 className="pw-panel-title">{t('voting.panelTitle')}</h2>
      {facilitator ? <RoundControls round={round} /> : <RoundStatusLine round={round} />}
      {round?.status === 'open' && mayVote ? <VoteList round={round} /> : null}
      {round && round.status !== 'open' ? <CurrentResults round={round} /> : null}
      <ShortlistSection round={round} />
      <RoundHistory current={round} />
    </div>
  )
}

function CurrentResults({ round }: { round: RoundStateSection }) {
  const { t } = useTranslation()
  const { me, token } = useBoardContext()
  const facilitator = me.role === 'facilitator'
  const { results } = useRoundResults(round, token, facilitator)
  if (round.status === 'closed' && !facilitator) return <p className="pw-muted">{t('voting.waitForReveal')}</p>
  if (!results) return <p className="pw-muted">{t('common.loading')}</p>
  return (
    <section className="pw-voting__results" data-testid="current-results">
      <h3 className="pw-voting__subtitle">
        {round.status === 'revealed' ? t('voting.ranking.title') : t('voting.ranking.preview')}
      </h3>
      <RankingList roundId={round.id} results={results} canPromote={facilitator && round.status === 'revealed'} />
    </section>
  )
}
