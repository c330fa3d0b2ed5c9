import type { Kysely } from 'kysely'
import type { ShortlistEntry } from '../shortlist/ShortlistStore.ts'
import { KyselyShortlistStore } from '../shortlist/kyselyShortlistStore.ts'
import type { Dialect } from '../store/migrations.ts'
import type { Database } from '../store/schema.ts'
import { castVote, type CastVoteHooks } from './kyselyCastVote.ts'
import { KyselyRounds } from './kyselyRounds.ts'
import { readBallots, readMyVotes, readProxies, readTally } from './kyselyTallies.ts'
import type { TimerAction } from './timerRules.ts'
import type {
  CastVote,
  CreateRoundResult,
  ImportedResults,
  RoundRow,
  RoundTally,
  TimerChangeResult,
  VoterBallot,
  VotingStore,
} from './VotingStore.ts'
import type { MyVotes, VoteOutcome } from './votingRules.ts'

/**
 * The voting port on SQLite and PostgreSQL through Kysely, in parts: rounds
 * (`kyselyRounds.ts`), taps (`kyselyCastVote.ts`, where exactness under concurrency is
 * explained), tallies (`kyselyTallies.ts`, adding up in the pure `tallyRules.ts`), and the
 * shortlist (`shortlist/kyselyShortlistStore.ts`).
 *
 * Closing or revealing updates the round row, which waits for the taps writing at that moment
 * and is seen by every later tap: no dot is accepted after the close committed.
 */
export class KyselyVotingStore implements VotingStore {
  private readonly db: Kysely<Database>
  private readonly dialect: Dialect
  private readonly rounds: KyselyRounds
  private readonly shortlist: KyselyShortlistStore
  private readonly hooks: CastVoteHooks

  /** `hooks` only in tests (see kyselyCastVote.ts). */
  constructor(db: Kysely<Database>, dialect: Dialect, hooks: CastVoteHooks = {}) {
    this.db = db
    this.dialect = dialect
    this.hooks = hooks
    this.rounds = new KyselyRounds(db, dialect)
    this.shortlist = new KyselyShortlistStore(db, dialect)
  }

  createRound(round: RoundRow): Promise<CreateRoundResult> {
    return this.rounds.createRound(round)
  }

  getRound(roundId: string): Promise<RoundRow | null> {
    return this.rounds.getRound(roundId)
  }

  listRounds(boardId: string): Promise<RoundRow[]> {
    return this.rounds.listRounds(boardId)
  }

  listTimedOpenRounds(): Promise<RoundRow[]> {
    return this.rounds.listTimedOpenRounds()
  }

  castVote(input: CastVote): Promise<VoteOutcome> {
    return castVote(this.db, this.dialect, input, this.hooks)
  }

  closeRound(roundId: string, closedAt: number): Promise<RoundRow | null> {
    return this.rounds.closeRound(roundId, closedAt)
  }

  closeOverdueRounds(now: number): Promise<string[]> {
    return this.rounds.closeOverdueRounds(now)
  }

  revealRound(roundId: string, now: number): Promise<RoundRow | null> {
    return this.rounds.revealRound(roundId, now)
  }

  changeTimer(roundId: string, action: TimerAction, now: number, extendMs?: number): Promise<TimerChangeResult> {
    return this.rounds.changeTimer(roundId, action, now, extendMs)
  }

  importRound(round: RoundRow, results: ImportedResults): Promise<void> {
    return this.rounds.importRound(round, results)
  }

  tally(roundId: string): Promise<RoundTally> {
    return readTally(this.db, roundId)
  }

  myVotes(roundId: string, voterId: string): Promise<MyVotes> {
    return readMyVotes(this.db, roundId, voterId)
  }

  ballots(roundId: string): Promise<VoterBallot[]> {
    return readBallots(this.db, roundId)
  }

  proxies(roundId: string): Promise<{ name: string; used: number }[]> {
    return readProxies(this.db, roundId)
  }

  getShortlist(boardId: string): Promise<ShortlistEntry[]> {
    return this.shortlist.getShortlist(boardId)
  }

  setShortlist(boardId: string, entries: readonly ShortlistEntry[]): Promise<void> {
    return this.shortlist.setShortlist(boardId, entries)
  }

  updateShortlist(boardId: string, change: (current: ShortlistEntry[]) => ShortlistEntry[]): Promise<ShortlistEntry[]> {
    return this.shortlist.updateShortlist(boardId, change)
  }
}
