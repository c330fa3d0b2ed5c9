/**
 * The rules of dot voting as pure functions: no database, no HTTP, no clock of their own.
 * The store applies what `decideVote` decides only if the voter's ballot and the round are still
 * as it read them (`kyselyCastVote.ts`), so what these functions see is the voter's real state.
 */

export const RoundStatus = { open: 'open', closed: 'closed', revealed: 'revealed' } as const
export type RoundStatus = (typeof RoundStatus)[keyof typeof RoundStatus]

export const VoteRefusal = {
  budgetExhausted: 'budget_exhausted',
  ideaCapReached: 'idea_cap_reached',
  roundNotOpen: 'round_not_open',
  ideaNotEligible: 'idea_not_eligible',
  noVoteToRemove: 'no_vote_to_remove',
} as const
export type VoteRefusal = (typeof VoteRefusal)[keyof typeof VoteRefusal]

/** What the rules need to know about a round. */
export interface RoundRules {
  status: RoundStatus
  dotsPerParticipant: number
  /** null: no cap per idea besides the budget. */
  maxPerIdea: number | null
  /** Epoch ms when the timer ends the round; null without timer. */
  closesAt: number | null
}

export interface VoteRequest {
  ideaId: string
  delta: 1 | -1
  /**
   * Whether the idea may receive dots now (it exists as an idea card on the board and is among
   * the round's ideas). Only adding needs it: taking a dot back from a card deleted meanwhile
   * must stay possible, or the dot would be lost from the voter's budget.
   */
  eligible: boolean
}

/** Dots per idea, only ideas with at least one dot. */
export type MyVotes = Record<string, number>

export type VoteOutcome = { ok: true; myVotes: MyVotes; remaining: number } | { ok: false; code: VoteRefusal }

/** True while votes are accepted: open and the timer (if any) has not run out. */
export function isAcceptingVotes(round: Pick<RoundRules, 'status' | 'closesAt'>, now: number): boolean {
  return round.status === RoundStatus.open && (round.closesAt === null || now < round.closesAt)
}

/**
 * The status as users must see it: an open round whose timer has run out is closed even before
 * the scheduler has written that down (the timer is exact, the scheduler may lag).
 */
export function effectiveStatus(round: Pick<RoundRules, 'status' | 'closesAt'>, now: number): RoundStatus {
  if (round.status === RoundStatus.open && round.closesAt !== null && now >= round.closesAt) return RoundStatus.closed
  return round.status
}

export function usedDots(myVotes: MyVotes): number {
  let used = 0
  for (const n of Object.values(myVotes)) used += n
  return used
}

/**
 * The voter's dots on one idea. Own keys only: an id such as `__proto__` (the API takes any
 * string) would otherwise read the object's prototype (the HTTP fuzz found a 500 this way).
 */
export function dotsOn(myVotes: MyVotes, ideaId: string): number {
  return Object.hasOwn(myVotes, ideaId) ? myVotes[ideaId]! : 0
}

/** Applies one tap to the voter's dots, or says why not. `myVotes` is not modified. */
export function decideVote(round: RoundRules, myVotes: MyVotes, request: VoteRequest, now: number): VoteOutcome {
  if (!isAcceptingVotes(round, now)) return { ok: false, code: VoteRefusal.roundNotOpen }
  const onIdea = dotsOn(myVotes, request.ideaId)
  const used = usedDots(myVotes)
  if (request.delta === -1) {
    if (onIdea <= 0) return { ok: false, code: VoteRefusal.noVoteToRemove }
    const next = { ...myVotes }
    if (onIdea === 1) delete next[request.ideaId]
    else next[request.ideaId] = onIdea - 1
    return { ok: true, myVotes: next, remaining: round.dotsPerParticipant - (used - 1) }
  }
  if (!request.eligible) return { ok: false, code: VoteRefusal.ideaNotEligible }
  // Budget before cap: "no dots left" is what a voter with an empty budget needs to hear.
  if (used >= round.dotsPerParticipant) return { ok: false, code: VoteRefusal.budgetExhausted }
  if (round.maxPerIdea !== null && onIdea >= round.maxPerIdea) return { ok: false, code: VoteRefusal.ideaCapReached }
  return {
    ok: true,
    myVotes: { ...myVotes, [request.ideaId]: onIdea + 1 },
    remaining: round.dotsPerParticipant - (used + 1),
  }
}

/** Whether an idea may receive dots in a round: on the board now, and selected (or all selected). */
export function isEligible(
  ideaId: string,
  existingIdeaIds: ReadonlySet<string>,
  roundIdeaIds: readonly string[] | null,
) {
  return existingIdeaIds.has(ideaId) && (roundIdeaIds === null || roundIdeaIds.includes(ideaId))
}

export interface RankedIdea<T> {
  item: T
  votes: number
  /** 1-based; ideas with equal votes share a rank ("1, 2, 2, 4"). */
  rank: number
}

/**
 * Sorts by votes, most first; equal votes keep their input order (so the caller decides what
 * "stable" means, e.g. board order) and share a rank.
 */
export function rankIdeas<T>(items: readonly T[], votesOf: (item: T) => number): RankedIdea<T>[] {
  const sorted = items
    .map((item, index) => ({ item, votes: votesOf(item), index }))
    .sort((a, b) => b.votes - a.votes || a.index - b.index)
  const ranked: RankedIdea<T>[] = []
  sorted.forEach((entry, i) => {
    const previous = ranked[i - 1]
    const rank = previous && previous.votes === entry.votes ? previous.rank : i + 1
    ranked.push({ item: entry.item, votes: entry.votes, rank })
  })
  return ranked
}
