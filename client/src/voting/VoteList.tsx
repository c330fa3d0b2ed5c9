import type { RoundStateSection } from '@pinnwand/shared/votingApi'
import { memo, useId, useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { useBoardContext } from '../board/BoardContext.ts'
import { useBoardIdeas } from '../ideas/useBoardIdeas.ts'
import { DotRow } from './DotRow.tsx'
import { isEligibleIdea } from './readRoundSection.ts'
import { useBallot, useCardBallot } from './useBallot.ts'
import { type RoundRules, useRoundRules } from './useRound.ts'
import { budgetText } from './budgetText.ts'
import { useFreshRefusal } from './useFreshRefusal.ts'

/**
 * Voting without the canvas (phone, keyboard, screen reader): every idea of the round with its
 * own dots and a button to give or take back a dot. Button names say the idea and the count, and
 * every change is announced by the voting bar's live region.
 */
export function VoteList({ round }: { round: RoundStateSection }) {
  const { t } = useTranslation()
  const id = useId()
  const { token } = useBoardContext()
  const ballot = useBallot(round, token)
  const rules = useRoundRules()
  const refusal = useFreshRefusal()
  const ideas = useBoardIdeas()
  // Not again for every vote the ballot shows, only when the ideas or the round change.
  const groups = useMemo(
    () =>
      ideas
        .map((group) => ({ ...group, ideas: group.ideas.filter((idea) => isEligibleIdea(round, idea.id)) }))
        .filter((group) => group.ideas.length > 0),
    [ideas, round],
  )

  return (
    <section className="pw-vote-list" data-testid="vote-list" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="pw-voting__subtitle">
        {ballot.proxyName ? t('voting.list.titleProxy', { name: ballot.proxyName }) : t('voting.list.title')}
      </h3>
      <p
        className={`pw-vote-list__budget${ballot.remaining <= 0 ? ' pw-vote-list__budget--done' : ''}`}
        data-testid="vote-list-remaining"
      >
        {budgetText(t, ballot.remaining, round.dotsPerParticipant)}
        {round.maxPerIdea !== null ? ` · ${t('voting.settingsCap', { count: round.maxPerIdea })}` : ''}
        {ballot.waiting ? ` · ${t('voting.sending')}` : ''}
        {refusal ? (
          <span className="pw-vote-list__refusal" data-testid="vote-refusal">
            {refusal}
          </span>
        ) : null}
      </p>
      {groups.length === 0 ? <p className="pw-muted">{t('voting.list.empty')}</p> : null}
      {groups.map((group) => (
        <div key={group.cluster?.id ?? 'loose'} className="pw-vote-list__group">
          {group.cluster || groups.length > 1 ? (
            <h4 className="pw-vote-list__cluster">
              {group.cluster ? group.cluster.title || t('voting.untitledCluster') : t('voting.list.noCluster')}
            </h4>
          ) : null}
          <ul className="pw-vote-list__ideas">
            {group.ideas.map((idea) => (
              <VoteListIdea key={idea.id} id={idea.id} text={idea.text} round={rules} token={token} />
            ))}
          </ul>
        </div>
      ))}
    </section>
  )
}

/**
 * One idea of the list. Memoised and reading its own part of the ballot (`useCardBallot`): a tap
 * re-renders the idea it changed, not the whole list of a plenary's 150 ideas.
 */
const VoteListIdea = memo(function VoteListIdea({
  id,
  text,
  round,
  token,
}: {
  id: string
  text: string
  round: RoundRules | null
  token: string
}) {
  const { t } = useTranslation()
  const { mine, full, place } = useCardBallot(round, token, id)
  return (
    <li className="pw-vote-list__idea" data-testid="vote-list-item" data-idea-id={id} data-mine={mine}>
      <span className="pw-vote-list__text">{text}</span>
      <span className="pw-vote-list__mine">
        <DotRow count={mine} max={5} />
        <span className="pw-vote-list__count">{t('voting.list.mine', { count: mine })}</span>
      </span>
      <span className="pw-vote-list__buttons">
        <button
          type="button"
          className="pw-vote-button"
          aria-disabled={mine === 0}
          aria-label={t('voting.card.remove', { idea: text, count: mine })}
          data-testid="vote-list-remove"
          onClick={() => place(text, -1)}
        >
          −
        </button>
        <button
          type="button"
          className="pw-vote-button pw-vote-button--add"
          aria-disabled={full}
          aria-label={t('voting.card.add', { idea: text, count: mine })}
          data-testid="vote-list-add"
          onClick={() => place(text, 1)}
        >
          +
        </button>
      </span>
    </li>
  )
})
