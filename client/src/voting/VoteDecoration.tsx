import type { IdeaCardShape } from '@pinnwand/shared/boardSchema'
import { useContext, type SyntheticEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { stopEventPropagation, useEditor, useValue } from 'tldraw'
import { BoardContext } from '../board/BoardContext.ts'
import { DotRow } from './DotRow.tsx'
import { isEligibleIdea } from './readRoundSection.ts'
import { useCardBallot } from './useBallot.ts'
import { useMayVote } from './useMayVote.ts'
import { useRound, useRoundRules } from './useRound.ts'
import { useRoundResults } from './useRoundResults.ts'
import './voting.css'

// The canvas must not turn a tap on a dot button into selecting or dragging the card, nor a key
// press into a tldraw shortcut. Touch events too: the canvas cancels their default (no click
// would follow a tap).
const keepFromCanvas = {
  onPointerDown: stopEventPropagation,
  onPointerUp: stopEventPropagation,
  onTouchStart: stopEventPropagation,
  onTouchEnd: stopEventPropagation,
  onKeyDown: (event: SyntheticEvent) => event.stopPropagation(),
}

/**
 * Dot voting on an idea card (an idea-card decoration). While a round is open: on eligible
 * cards a bar with "take a dot back" (showing one's own dots) and "give a dot"; cards outside the
 * round are dimmed, hatched and labelled "not in this vote". After the reveal: the card's total
 * and rank. Before the reveal nobody sees anyone else's dots, so nothing here shows totals.
 */
export function VoteDecoration({ shape }: { shape: IdeaCardShape }) {
  // Cards are also drawn outside the board (exports): no board, no voting.
  const board = useContext(BoardContext)
  // Drawn on every card: the rules only, not the progress published while people vote.
  const round = useRoundRules()
  const mayVote = useMayVote(board?.me.role ?? 'projector', round)
  if (!board || !round) return null
  if (round.status === 'revealed')
    return <RevealedDots ideaId={shape.id} cardWidth={shape.props.w} token={board.token} />
  if (round.status !== 'open') return null
  if (!isEligibleIdea(round, shape.id)) return <NotEligible />
  if (!mayVote) return null
  return <VoteBar shape={shape} token={board.token} />
}

function NotEligible() {
  const { t } = useTranslation()
  return (
    <div className="pw-vote-ineligible" data-testid="vote-ineligible">
      <span className="pw-vote-ineligible__label">{t('voting.card.notEligible')}</span>
    </div>
  )
}

/** Most the bar grows when zoomed out, so it keeps near-44 px targets without hiding the card. */
const MAX_SCALE = 1.35
const BADGE_SPACE = 52

/** How much to enlarge an overlay so it stays readable and tappable when the board is zoomed out. */
function useCounterScale(): number {
  const editor = useEditor()
  const zoom = useValue('zoom', () => editor.getZoomLevel(), [editor])
  return Math.min(MAX_SCALE, Math.max(1, 1 / zoom))
}

/** The strip's style at a scale: grown from its bottom-left corner, as wide as the card allows. */
function stripStyle(scale: number, cardWidth: number) {
  if (scale <= 1) return undefined
  return {
    transform: `scale(${scale})`,
    transformOrigin: 'left bottom',
    right: 'auto',
    width: (cardWidth - BADGE_SPACE) / scale,
  }
}

function VoteBar({ shape, token }: { shape: IdeaCardShape; token: string }) {
  const { t } = useTranslation()
  const scale = useCounterScale()
  const round = useRoundRules()
  const { mine, full, place } = useCardBallot(round, token, shape.id)
  const text = shape.props.text
  return (
    <div className="pw-vote-bar" data-testid="vote-bar" data-mine={mine} style={stripStyle(scale, shape.props.w)}>
      <button
        type="button"
        className="pw-vote-bar__remove"
        data-testid="vote-remove"
        aria-disabled={mine === 0}
        aria-label={t('voting.card.remove', { idea: text, count: mine })}
        title={t('voting.card.removeShort')}
        {...keepFromCanvas}
        onClick={(event) => {
          event.stopPropagation()
          place(text, -1)
        }}
      >
        {/* No digits here: the visible label must be part of the button's name (WCAG 2.5.3). */}
        {mine > 0 ? <DotRow count={mine} max={4} /> : <span aria-hidden="true" className="pw-dot pw-dot--empty" />}
        <span aria-hidden="true" className="pw-vote-bar__minus">
          −
        </span>
      </button>
      <button
        type="button"
        className="pw-vote-bar__add"
        data-testid="vote-add"
        aria-disabled={full}
        aria-label={t('voting.card.add', { idea: text, count: mine })}
        title={t('voting.card.addShort')}
        {...keepFromCanvas}
        onClick={(event) => {
          event.stopPropagation()
          place(text, 1)
        }}
      >
        <span aria-hidden="true">+</span>
      </button>
    </div>
  )
}

function RevealedDots({ ideaId, cardWidth, token }: { ideaId: string; cardWidth: number; token: string }) {
  const { t } = useTranslation()
  const scale = useCounterScale()
  const round = useRound()
  const { results } = useRoundResults(round, token)
  const entry = results?.ranking.find((r) => r.ideaId === ideaId)
  if (!entry || entry.votes === 0) return null
  return (
    <div
      className="pw-vote-result"
      data-testid="vote-result"
      data-votes={entry.votes}
      data-rank={entry.rank}
      style={stripStyle(scale, cardWidth)}
      role="img"
      aria-label={t('voting.card.result', { count: entry.votes, rank: entry.rank })}
    >
      <span className="pw-vote-result__rank" aria-hidden="true">
        {t('voting.rankShort', { rank: entry.rank })}
      </span>
      <DotRow count={entry.votes} max={5} />
      <span className="pw-vote-result__count" aria-hidden="true">
        {entry.votes}
      </span>
    </div>
  )
}
