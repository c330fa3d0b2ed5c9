import type { RoundStateSection } from '@pinnwand/shared/votingApi'
import { useEffect } from 'react'
import { ConnectionStatus, useSession } from '../state/sessionStore.ts'
import { usedDots, type Votes } from './ballot.ts'
import { ballotKey, loadBallot, tap, useVoting, visibleVotes } from './votingStore.ts'
import type { RoundRules } from './useRound.ts'

export interface Ballot {
  /** One's dots per idea, including taps still on their way (optimistic). */
  votes: Votes
  remaining: number
  /** False until the server told us the ballot (then `votes` is the truth). */
  loaded: boolean
  /** Taps not yet confirmed by the server. */
  pending: number
  /** A tap waits for the network or a busy server (shown as "sending…"). */
  waiting: boolean
  /** The facilitator votes for this person (named proxy vote); null: for oneself. */
  proxyName: string | null
  place(ideaId: string, ideaText: string, delta: 1 | -1): void
}

/** The current voter's ballot in `round` (oneself, or the facilitator's proxy voter). */
export function useBallot(round: RoundStateSection | null, token: string): Ballot {
  const proxyName = useVoting((s) => s.proxyName)
  const key = round ? ballotKey(round.id, proxyName) : ''
  const entry = useVoting((s) => s.ballots[key])
  const votes = entry ? visibleVotes(entry) : {}
  return {
    votes,
    remaining: round ? round.dotsPerParticipant - usedDots(votes) : 0,
    loaded: entry?.loaded ?? false,
    pending: entry?.pending.length ?? 0,
    waiting: entry?.waiting ?? false,
    proxyName,
    place: (ideaId, ideaText, delta) => {
      if (round) tap({ round, token, proxyName, ideaId, ideaText, delta })
    },
  }
}

/**
 * Keeps the current voter's ballot loaded: when a round appears, when the facilitator switches
 * to voting for someone else, and after every reconnect (the server is the truth). Mount once.
 */
export function useBallotLoader(round: RoundStateSection | null, token: string, canVote: boolean): void {
  const proxyName = useVoting((s) => s.proxyName)
  const connected = useSession((s) => s.connection === ConnectionStatus.connected)
  const roundId = round?.id ?? null
  const status = round?.status ?? null
  useEffect(() => {
    if (!roundId || !canVote || !connected) return
    void loadBallot(roundId, token, proxyName)
  }, [roundId, status, token, proxyName, canVote, connected])
}

/** One card's part of the ballot. */
export interface CardBallot {
  /** One's dots on this idea, taps on their way included. */
  mine: number
  /** Another dot does not fit: none left, or the idea's cap reached. */
  full: boolean
  place(ideaText: string, delta: 1 | -1): void
}

/**
 * `useBallot` for the dot buttons on one card. Reads plain values from the ballot store, so a tap
 * re-renders the card it changed (and every card only when the last dot is placed or taken
 * back), not every card on the board; a plenary board has 150 of them, and on a slow tablet
 * re-rendering them all made a dot appear half a second after the tap (docs/performance.md).
 */
export function useCardBallot(round: RoundRules | null, token: string, ideaId: string): CardBallot {
  const proxyName = useVoting((s) => s.proxyName)
  const key = round ? ballotKey(round.id, proxyName) : ''
  const mine = useVoting((s) => {
    const entry = s.ballots[key]
    return entry ? (visibleVotes(entry)[ideaId] ?? 0) : 0
  })
  const noneLeft = useVoting((s) => {
    const entry = s.ballots[key]
    return !round || round.dotsPerParticipant - usedDots(entry ? visibleVotes(entry) : {}) <= 0
  })
  return {
    mine,
    full: noneLeft || (round?.maxPerIdea != null && mine >= round.maxPerIdea),
    place: (ideaText, delta) => {
      if (round) tap({ round, token, proxyName, ideaId, ideaText, delta })
    },
  }
}
