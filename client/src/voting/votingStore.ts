import type { RoundResultsDto, RoundStateSection } from '@pinnwand/shared/votingApi'
import { create } from 'zustand'
import { ApiError } from '../api/apiClient.ts'
import { newRequestId } from '../api/requestId.ts'
import { checkTap, optimisticVotes, type PendingTap, usedDots, type Votes } from './ballot.ts'
import { VoteQueue } from './voteQueue.ts'
import { votingApi } from './votingHttp.ts'

/**
 * Voting UI state: the voter's dots (server truth plus taps in flight), who the facilitator is
 * voting for, what to announce, fetched results. Votes themselves live on the server; this only
 * mirrors them (docs/architecture.md, decision 11: zustand for UI state, never board content).
 */

interface BallotEntry {
  /** The server's last word on this ballot. */
  confirmed: Votes
  loaded: boolean
  /** Taps sent or about to be sent, oldest first. */
  pending: PendingTap[]
  /** A tap is waiting for the network or a busy server. */
  waiting: boolean
}

export interface Announcement {
  key: string
  values: Record<string, string | number>
  /** Changes with every announcement, so the same words are read again. */
  seq: number
  /** A refusal (shown as an error) rather than a confirmation. */
  refusal: boolean
}

interface VotingState {
  ballots: Record<string, BallotEntry>
  /** Facilitator only: the person without a device the dots are placed for (null: oneself). */
  proxyName: string | null
  announcement: Announcement | null
  results: Record<string, RoundResultsDto>
  setProxyName(name: string | null): void
  announce(key: string, values?: Record<string, string | number>, refusal?: boolean): void
}

export const useVoting = create<VotingState>()((set) => ({
  ballots: {},
  proxyName: null,
  announcement: null,
  results: {},
  setProxyName: (proxyName) => set({ proxyName: proxyName?.trim() ? proxyName.trim() : null }),
  announce: (key, values = {}, refusal = false) =>
    set((s) => ({ announcement: { key, values, refusal, seq: (s.announcement?.seq ?? 0) + 1 } })),
}))

/** Whose ballot: one's own, or (facilitator) a proxy voter's, compared like the server does. */
export const ballotKey = (roundId: string, proxyName: string | null) =>
  `${roundId}|${proxyName ? proxyName.trim().replace(/\s+/g, ' ').toLocaleLowerCase('de') : ''}`

const emptyBallot: BallotEntry = { confirmed: {}, loaded: false, pending: [], waiting: false }

function updateBallot(key: string, change: (entry: BallotEntry) => Partial<BallotEntry>) {
  useVoting.setState((s) => {
    const entry = s.ballots[key] ?? emptyBallot
    return { ballots: { ...s.ballots, [key]: { ...entry, ...change(entry) } } }
  })
}

export function ballotOf(key: string): BallotEntry {
  return useVoting.getState().ballots[key] ?? emptyBallot
}

/** The ballot as the voter sees it: confirmed dots with taps in flight applied. */
export function visibleVotes(entry: BallotEntry): Votes {
  return optimisticVotes(entry.confirmed, entry.pending)
}

/** Loads the ballot from the server (on open, after reconnect); leaves it alone while taps fly. */
export async function loadBallot(roundId: string, token: string, proxyName: string | null): Promise<void> {
  const key = ballotKey(roundId, proxyName)
  if (ballotOf(key).pending.length > 0) return
  try {
    const mine = await votingApi.myVotes(roundId, token, proxyName ?? undefined)
    if (ballotOf(key).pending.length > 0) return
    updateBallot(key, () => ({ confirmed: mine.myVotes, loaded: true }))
  } catch {
    // Offline: keep what we had; the next reconnect loads again.
  }
}

const queues = new Map<string, VoteQueue>()

function queueFor(key: string, roundId: string, token: string, proxyName: string | null): VoteQueue {
  let queue = queues.get(key)
  if (queue) return queue
  queue = new VoteQueue({
    send: (tap) =>
      votingApi.castVote(
        roundId,
        {
          ideaId: tap.ideaId,
          delta: tap.delta,
          requestId: tap.requestId,
          ...(proxyName ? { onBehalfOf: proxyName } : {}),
        },
        token,
      ),
    events: {
      accepted: (tap, answer) =>
        updateBallot(key, (entry) => ({
          confirmed: answer.myVotes,
          loaded: true,
          pending: entry.pending.filter((p) => p.requestId !== tap.requestId),
          waiting: false,
        })),
      refused: (tap, error) => {
        updateBallot(key, (entry) => ({
          pending: entry.pending.filter((p) => p.requestId !== tap.requestId),
          waiting: false,
        }))
        useVoting.getState().announce(refusalKey(error), {}, true)
      },
      waiting: () => updateBallot(key, () => ({ waiting: true })),
    },
  })
  queues.set(key, queue)
  return queue
}

/** i18n key explaining why the server did not count a tap. */
export function refusalKey(error: ApiError | string): string {
  const code = typeof error === 'string' ? error : error.code
  switch (code) {
    case 'budget_exhausted':
    case 'idea_cap_reached':
    case 'round_not_open':
    case 'idea_not_eligible':
    case 'no_vote_to_remove':
    case 'round_not_found':
      return `voting.refused.${code}`
    default:
      return 'voting.refused.other'
  }
}

export interface TapInput {
  round: Pick<RoundStateSection, 'id' | 'status' | 'dotsPerParticipant' | 'maxPerIdea' | 'eligibleIdeaIds'>
  token: string
  proxyName: string | null
  ideaId: string
  ideaText: string
  delta: 1 | -1
}

/**
 * One tap: checked against the rules at once (a refusal is explained without a round trip),
 * shown immediately, sent in order, and replaced by the server's answer.
 */
export function tap({ round, token, proxyName, ideaId, ideaText, delta }: TapInput): void {
  const key = ballotKey(round.id, proxyName)
  const before = visibleVotes(ballotOf(key))
  const refusal = checkTap(round, before, ideaId, delta)
  const announce = useVoting.getState().announce
  if (refusal) {
    announce(`voting.refused.${refusal}`, {}, true)
    return
  }
  const pending: PendingTap = { requestId: newRequestId(), ideaId, delta }
  updateBallot(key, (entry) => ({ pending: [...entry.pending, pending] }))
  const after = optimisticVotes(before, [pending])
  const text = ideaText.length > 80 ? `${ideaText.slice(0, 79)}…` : ideaText
  announce(delta === 1 ? 'voting.announce.placed' : 'voting.announce.removed', {
    idea: text,
    count: after[ideaId] ?? 0,
    remaining: round.dotsPerParticipant - usedDots(after),
  })
  queueFor(key, round.id, token, proxyName).push(pending)
}

/** Results of a round, once fetched (revealed rounds, or any round for the facilitator). */
export function storeResults(roundId: string, results: RoundResultsDto): void {
  useVoting.setState((s) => ({ results: { ...s.results, [roundId]: results } }))
}
