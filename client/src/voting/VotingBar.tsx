import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useBoardContext } from '../board/BoardContext.ts'
import { isPhoneLayout } from '../ideas/phoneLayout.ts'
import { useSession } from '../state/sessionStore.ts'
import { DotRow } from './DotRow.tsx'
import { RoundClock } from './RoundClock.tsx'
import { useBallot, useBallotLoader } from './useBallot.ts'
import { useRound } from './useRound.ts'
import { budgetText } from './budgetText.ts'
import { useFreshRefusal } from './useFreshRefusal.ts'
import { useMayVote } from './useMayVote.ts'
import { useVoting } from './votingStore.ts'

/**
 * Always in view while a round is open: the dots one has left (the budget), the progress
 * everyone may see (how many voted, dots placed — never where), the time left, and what
 * happened to one's last tap, in words. Also the live region that announces every change to
 * screen readers. Mounted once per board (not on the projector).
 */
export function VotingBar() {
  const { t } = useTranslation()
  const { me, token } = useBoardContext()
  const round = useRound()
  const canVote = useMayVote(me.role, round)
  useBallotLoader(round, token, canVote)
  const ballot = useBallot(round, token)
  const announcement = useVoting((s) => s.announcement)
  const setProxyName = useVoting((s) => s.setProxyName)
  const openPanel = useSession((s) => s.setOpenPanel)
  const panel = useSession((s) => s.openPanel)
  const refusal = useFreshRefusal()
  // The "result is in" note may be put away; a later round brings the bar back.
  const [dismissed, setDismissed] = useState<string | null>(null)

  const open = round?.status === 'open'
  const revealed = round?.status === 'revealed'
  const openRoundId = open ? round.id : null
  useEffect(() => {
    // A new round on a phone: the vote list is where a phone votes, so bring it up.
    if (openRoundId && me.role === 'participant' && isPhoneLayout()) openPanel('voting')
    // Proxy voting ends with the round it was for.
    if (!openRoundId) setProxyName(null)
  }, [openRoundId, me.role, openPanel, setProxyName])
  return (
    <>
      <div role="status" aria-live="polite" className="pw-visually-hidden" data-testid="vote-announcer">
        {announcement ? <span key={announcement.seq}>{t(announcement.key, announcement.values)}</span> : null}
      </div>
      {/* The voting panel shows the same (and more); other panels push the bar aside. */}
      {round && canVote && (open || (revealed && dismissed !== round.id)) && panel !== 'voting' ? (
        <section
          className={`pw-voting-bar${open ? '' : ' pw-voting-bar--done'}${panel ? ' pw-voting-bar--beside-panel' : ''}`}
          data-testid="voting-bar"
          aria-label={t('voting.barLabel')}
        >
          {open ? (
            <>
              <p
                className={`pw-voting-bar__budget${ballot.remaining <= 0 ? ' pw-voting-bar__budget--done' : ''}`}
                data-testid="vote-remaining"
                data-remaining={ballot.remaining}
              >
                {ballot.proxyName ? (
                  <span className="pw-voting-bar__proxy">{t('voting.proxy.for', { name: ballot.proxyName })} </span>
                ) : null}
                <strong>{budgetText(t, ballot.remaining, round.dotsPerParticipant)}</strong>
                <span className="pw-voting-bar__dots">
                  <DotRow count={ballot.remaining} max={10} className="pw-dots--budget" />
                </span>
              </p>
              <p className="pw-voting-bar__progress" data-testid="vote-progress">
                {t('voting.progress', {
                  voters: t('voting.voters', { count: round.voters }),
                  dots: t('voting.dotsPlaced', { count: round.totalVotes }),
                })}
                {' · '}
                <RoundClock round={round} />
                {ballot.waiting ? <span className="pw-voting-bar__sending"> · {t('voting.sending')}</span> : null}
              </p>
              {refusal ? (
                <p className="pw-voting-bar__refusal" data-testid="vote-refusal">
                  {refusal}
                </p>
              ) : null}
              {ballot.proxyName ? (
                <button
                  type="button"
                  className="pw-button pw-button--secondary pw-button--small"
                  onClick={() => setProxyName(null)}
                >
                  {t('voting.proxy.stop')}
                </button>
              ) : null}
            </>
          ) : (
            <p className="pw-voting-bar__budget">
              <strong>{t('voting.revealedNotice')}</strong>{' '}
              <button
                type="button"
                className="pw-button pw-button--secondary pw-button--small"
                data-testid="show-ranking"
                onClick={() => openPanel('voting')}
              >
                {t('voting.showRanking')}
              </button>{' '}
              <button
                type="button"
                className="pw-button pw-button--quiet pw-button--small"
                data-testid="dismiss-result-note"
                onClick={() => setDismissed(round.id)}
              >
                {t('voting.dismiss')}
              </button>
            </p>
          )}
        </section>
      ) : null}
    </>
  )
}
