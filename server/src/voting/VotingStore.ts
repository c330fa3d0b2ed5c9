import type { ShortlistStore } from '../shortlist/ShortlistStore.ts'
import type { TimerAction, TimerOutcome } from './timerRules.ts'
import type { MyVotes, RoundStatus, VoteOutcome } from './votingRules.ts'

/**
 * Persistence port of dot voting. Every method is atomic (one transaction, or one conditional
 * write); `castVote` is the one that must stay exact under any concurrency (many voters, one
 * voter on two devices, retries, several server instances on one PostgreSQL).
 */

export interface RoundRow {
  id: string
  boardId: string
  status: RoundStatus
  dotsPerParticipant: number
  maxPerIdea: number | null
  /** null: every idea card on the board. */
  ideaIds: string[] | null
  anonymous: boolean
  durationSeconds: number | null
  openedAt: number
  closesAt: number | null
  closedAt: number | null
  revealedAt: number | null
  /** Time left on a paused timer (then `closesAt` is null); null otherwise. */
  pausedRemainingMs: number | null
  /** The facilitation places dots of its own (off unless the round says so). */
  facilitatorsVote?: boolean
  /** Set for rounds restored from a board export: their results, without ballots. */
  imported?: boolean
}

export interface CastVote {
  roundId: string
  voterId: string
  /** Kept for named rounds (who voted for what). */
  voterName: string
  ideaId: string
  /** The card's text now; kept with the dot so results outlive the card. */
  ideaText: string
  delta: 1 | -1
  /** Decided by the caller from the board document (see votingRules.isEligible). */
  eligible: boolean
  requestId: string | undefined
  now: number
}

export interface IdeaTally {
  ideaId: string
  votes: number
  /** Text stored with the most recent dot on this idea. */
  text: string
  /** Of `votes`, dots placed by proxy (the facilitator, for someone without a device). */
  proxyVotes: number
}

export interface RoundTally {
  /** Voters with at least one dot placed. */
  voters: number
  totalVotes: number
  /** Ideas with at least one dot. */
  ideas: IdeaTally[]
}

export interface VoterBallot {
  voterId: string
  name: string
  votes: MyVotes
  /** A named proxy voter (see proxyVotes.ts). */
  proxy: boolean
}

/** Results restored from a board export: what the tally of the original round said. */
export interface ImportedResults {
  voters: number
  ideas: IdeaTally[]
}

export type TimerChangeResult = TimerOutcome & { round?: RoundRow }

export type CreateRoundResult = { ok: true; round: RoundRow } | { ok: false; openRoundId: string }

export interface VotingStore extends ShortlistStore {
  /**
   * Opens a round unless the board has an open one (whose timer has not run out: overdue rounds
   * are closed first, at their `closesAt`).
   */
  createRound(round: RoundRow): Promise<CreateRoundResult>
  getRound(roundId: string): Promise<RoundRow | null>
  /** Oldest first. */
  listRounds(boardId: string): Promise<RoundRow[]>
  /** Open rounds with a timer, for the scheduler. */
  listTimedOpenRounds(): Promise<RoundRow[]>
  /**
   * Applies one tap atomically. With a request id seen before (same round and voter), returns
   * the first answer and changes nothing. Throws `UnknownRound` when the round does not exist
   * (any more).
   */
  castVote(input: CastVote): Promise<VoteOutcome>
  /** Closes an open round; null when unknown. A round already closed is returned as it is. */
  closeRound(roundId: string, closedAt: number): Promise<RoundRow | null>
  /** Closes every open round whose timer ran out by `now`, at its `closesAt`. Returns their ids. */
  closeOverdueRounds(now: number): Promise<string[]>
  /** Closes (if open) and reveals; null when unknown. */
  revealRound(roundId: string, now: number): Promise<RoundRow | null>
  tally(roundId: string): Promise<RoundTally>
  myVotes(roundId: string, voterId: string): Promise<MyVotes>
  ballots(roundId: string): Promise<VoterBallot[]>
  /** Proxy voters of a round with the dots they used, by name. */
  proxies(roundId: string): Promise<{ name: string; used: number }[]>
  /** Pauses, resumes or extends an open round's timer atomically (see timerRules.ts). */
  changeTimer(roundId: string, action: TimerAction, now: number, extendMs?: number): Promise<TimerChangeResult>
  /** Stores a finished round restored from an export (closed or revealed), with its results. */
  importRound(round: RoundRow, results: ImportedResults): Promise<void>
}

/** A tap for a round that does not exist (any more): deleted with its board or workshop. */
export class UnknownRound extends Error {
  readonly roundId: string
  constructor(roundId: string) {
    super(`castVote: no round ${roundId}`)
    this.name = 'UnknownRound'
    this.roundId = roundId
  }
}
