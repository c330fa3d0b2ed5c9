import type { RoundStateSection } from '@pinnwand/shared/votingApi'
import { isEligibleIdea } from './readRoundSection.ts'

/** Dots per idea id (only ideas with at least one). */
export type Votes = Record<string, number>

/** A tap not yet answered by the server. */
export interface PendingTap {
  requestId: string
  ideaId: string
  delta: 1 | -1
}

export const TapRefusal = {
  budgetExhausted: 'budget_exhausted',
  ideaCapReached: 'idea_cap_reached',
  noVoteToRemove: 'no_vote_to_remove',
  roundNotOpen: 'round_not_open',
  ideaNotEligible: 'idea_not_eligible',
} as const
export type TapRefusal = (typeof TapRefusal)[keyof typeof TapRefusal]

export function usedDots(votes: Votes): number {
  let used = 0
  for (const n of Object.values(votes)) used += n
  return used
}

function applyTap(votes: Votes, tap: Pick<PendingTap, 'ideaId' | 'delta'>): Votes {
  const now = (votes[tap.ideaId] ?? 0) + tap.delta
  const next = { ...votes }
  if (now <= 0) delete next[tap.ideaId]
  else next[tap.ideaId] = now
  return next
}

/**
 * What the voter sees: the server's last answer with the taps still in flight applied on top
 * (optimistic). The server's answer replaces it as soon as it arrives.
 */
export function optimisticVotes(confirmed: Votes, pending: readonly PendingTap[]): Votes {
  return pending.reduce((votes, tap) => applyTap(votes, tap), confirmed)
}

/**
 * The same rules the server applies, checked before sending so a tap that cannot count is
 * explained at once instead of after a round trip. The server still decides: this only spares
 * requests the server would refuse anyway.
 */
export function checkTap(
  round: Pick<RoundStateSection, 'status' | 'dotsPerParticipant' | 'maxPerIdea' | 'eligibleIdeaIds'>,
  votes: Votes,
  ideaId: string,
  delta: 1 | -1,
): TapRefusal | null {
  if (round.status !== 'open') return TapRefusal.roundNotOpen
  const onIdea = votes[ideaId] ?? 0
  if (delta === -1) return onIdea > 0 ? null : TapRefusal.noVoteToRemove
  if (!isEligibleIdea(round, ideaId)) return TapRefusal.ideaNotEligible
  if (usedDots(votes) >= round.dotsPerParticipant) return TapRefusal.budgetExhausted
  if (round.maxPerIdea !== null && onIdea >= round.maxPerIdea) return TapRefusal.ideaCapReached
  return null
}
