import type { Kysely, Selectable, Transaction } from 'kysely'
import type { ShortlistEntry } from '../shortlist/ShortlistStore.ts'
import { isProxyVoter } from '../voting/proxyVotes.ts'
import { decideTimerChange, type TimerAction } from '../voting/timerRules.ts'
import type {
  CastVote,
  CreateRoundResult,
  IdeaTally,
  ImportedResults,
  RoundRow,
  RoundTally,
  TimerChangeResult,
  VoterBallot,
  VotingStore,
} from '../voting/VotingStore.ts'
import { decideVote, type MyVotes, RoundStatus, usedDots, type VoteOutcome } from '../voting/votingRules.ts'
import type { Dialect } from './migrations.ts'
import type { Database } from './schema.ts'
import type { Store } from './Store.ts'

type RoundRecord = Selectable<Database['voting_rounds']>

const toRound = (r: RoundRecord): RoundRow => ({
  id: r.id,
  boardId: r.board_id,
  status: r.status as RoundStatus,
  dotsPerParticipant: r.dots_per_participant,
  maxPerIdea: r.max_per_idea,
  ideaIds: r.eligible_idea_ids === null ? null : (JSON.parse(r.eligible_idea_ids) as string[]),
  anonymous: Number(r.anonymous) === 1,
  durationSeconds: r.duration_seconds,
  openedAt: Number(r.opened_at),
  closesAt: r.closes_at === null ? null : Number(r.closes_at),
  closedAt: r.closed_at === null ? null : Number(r.closed_at),
  revealedAt: r.revealed_at === null ? null : Number(r.revealed_at),
  pausedRemainingMs: r.paused_remaining_ms === null ? null : Number(r.paused_remaining_ms),
  facilitatorsVote: Number(r.facilitators_vote) === 1,
  ...(r.imported_results ? { imported: true } : {}),
})

/** SQLite (better-sqlite3) and PostgreSQL name a unique violation differently. */
function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
}

/**
 * Dot voting on SQLite and PostgreSQL through Kysely.
 *
 * How `castVote` stays exact: each tap is one transaction that first takes a shared lock on the
 * round row, then an exclusive lock on the voter's ballot row, and only then reads the voter's
 * dots, asks the pure rules and writes. So
 * - taps of one voter (two devices, retries, 50 taps a second) run one after another and each
 *   sees the previous one's result: nobody goes over budget or cap, a replayed request id finds
 *   the stored first answer;
 * - taps of different voters touch different rows and run in parallel (totals are sums over
 *   per-voter rows, never a shared counter);
 * - closing or revealing updates the round row, which waits for the taps in flight and is seen
 *   by every later tap: no dot is accepted after the close committed.
 * On PostgreSQL the locks are `FOR SHARE` / `FOR UPDATE` (READ COMMITTED re-reads after each
 * lock wait). SQLite has one writer at a time and Kysely runs this store's transactions on one
 * connection, so they are serial there anyway.
 */
export class KyselyVotingStore implements VotingStore {
  private readonly db: Kysely<Database>
  private readonly dialect: Dialect

  constructor(db: Kysely<Database>, dialect: Dialect) {
    this.db = db
    this.dialect = dialect
  }

  async createRound(round: RoundRow): Promise<CreateRoundResult> {
    try {
      return await this.db.transaction().execute(async (tx) => {
        await this.closeOverdue(tx, round.openedAt, round.boardId)
        const open = await tx
          .selectFrom('voting_rounds')
          .select('id')
          .where('board_id', '=', round.boardId)
          .where('status', '=', RoundStatus.open)
          .executeTakeFirst()
        if (open) return { ok: false as const, openRoundId: open.id }
        await tx
          .insertInto('voting_rounds')
          .values({
            id: round.id,
            board_id: round.boardId,
            status: RoundStatus.open,
            dots_per_participant: round.dotsPerParticipant,
            max_per_idea: round.maxPerIdea,
            eligible_idea_ids: round.ideaIds === null ? null : JSON.stringify(round.ideaIds),
            anonymous: round.anonymous ? 1 : 0,
            duration_seconds: round.durationSeconds,
            opened_at: round.openedAt,
            closes_at: round.closesAt,
            closed_at: null,
            revealed_at: null,
            facilitators_vote: round.facilitatorsVote ? 1 : 0,
          })
          .execute()
        return { ok: true as const, round: { ...round, status: RoundStatus.open } }
      })
    } catch (error) {
      // Two facilitators opening at once: the partial unique index lets only one through.
      if (!isUniqueViolation(error)) throw error
      const open = await this.db
        .selectFrom('voting_rounds')
        .select('id')
        .where('board_id', '=', round.boardId)
        .where('status', '=', RoundStatus.open)
        .executeTakeFirst()
      if (!open) throw error
      return { ok: false, openRoundId: open.id }
    }
  }

  async getRound(roundId: string): Promise<RoundRow | null> {
    const row = await this.db.selectFrom('voting_rounds').selectAll().where('id', '=', roundId).executeTakeFirst()
    return row ? toRound(row) : null
  }

  async listRounds(boardId: string): Promise<RoundRow[]> {
    const rows = await this.db
      .selectFrom('voting_rounds')
      .selectAll()
      .where('board_id', '=', boardId)
      .orderBy('opened_at')
      .orderBy('id')
      .execute()
    return rows.map(toRound)
  }

  async listTimedOpenRounds(): Promise<RoundRow[]> {
    const rows = await this.db
      .selectFrom('voting_rounds')
      .selectAll()
      .where('status', '=', RoundStatus.open)
      .where('closes_at', 'is not', null)
      .execute()
    return rows.map(toRound)
  }

  async castVote(input: CastVote): Promise<VoteOutcome> {
    return this.db.transaction().execute(async (tx) => {
      const round = await tx
        .selectFrom('voting_rounds')
        .selectAll()
        .where('id', '=', input.roundId)
        .$if(this.dialect === 'postgres', (qb) => qb.forShare())
        .executeTakeFirst()
      if (!round) throw new Error(`castVote: no round ${input.roundId}`)
      await tx
        .insertInto('voting_ballots')
        .values({
          round_id: input.roundId,
          voter_id: input.voterId,
          voter_name: input.voterName,
          used: 0,
          updated_at: input.now,
        })
        .onConflict((oc) => oc.columns(['round_id', 'voter_id']).doNothing())
        .execute()
      await tx
        .selectFrom('voting_ballots')
        .select('used')
        .where('round_id', '=', input.roundId)
        .where('voter_id', '=', input.voterId)
        .$if(this.dialect === 'postgres', (qb) => qb.forUpdate())
        .executeTakeFirstOrThrow()

      if (input.requestId !== undefined) {
        const seen = await tx
          .selectFrom('voting_requests')
          .select('outcome')
          .where('round_id', '=', input.roundId)
          .where('voter_id', '=', input.voterId)
          .where('request_id', '=', input.requestId)
          .executeTakeFirst()
        if (seen) return JSON.parse(seen.outcome) as VoteOutcome
      }

      const before = await this.readMyVotes(tx, input.roundId, input.voterId)
      const outcome = decideVote(
        toRound(round),
        before,
        { ideaId: input.ideaId, delta: input.delta, eligible: input.eligible },
        input.now,
      )
      if (outcome.ok) await this.writeTap(tx, input, outcome.myVotes)
      if (input.requestId !== undefined) {
        await tx
          .insertInto('voting_requests')
          .values({
            round_id: input.roundId,
            voter_id: input.voterId,
            request_id: input.requestId,
            outcome: JSON.stringify(outcome),
            created_at: input.now,
          })
          .execute()
      }
      return outcome
    })
  }

  async closeRound(roundId: string, closedAt: number): Promise<RoundRow | null> {
    return this.db.transaction().execute(async (tx) => {
      await this.closeOpen(tx, roundId, closedAt)
      const row = await tx.selectFrom('voting_rounds').selectAll().where('id', '=', roundId).executeTakeFirst()
      return row ? toRound(row) : null
    })
  }

  async closeOverdueRounds(now: number): Promise<string[]> {
    return this.db.transaction().execute((tx) => this.closeOverdue(tx, now))
  }

  async revealRound(roundId: string, now: number): Promise<RoundRow | null> {
    return this.db.transaction().execute(async (tx) => {
      await this.closeOpen(tx, roundId, now)
      await tx
        .updateTable('voting_rounds')
        .set({ status: RoundStatus.revealed, revealed_at: now })
        .where('id', '=', roundId)
        .where('status', '=', RoundStatus.closed)
        .execute()
      const row = await tx.selectFrom('voting_rounds').selectAll().where('id', '=', roundId).executeTakeFirst()
      return row ? toRound(row) : null
    })
  }

  async tally(roundId: string): Promise<RoundTally> {
    // One transaction, so voters and totals come from the same moment.
    return this.db.transaction().execute(async (tx) => {
      const round = await tx
        .selectFrom('voting_rounds')
        .select('imported_results')
        .where('id', '=', roundId)
        .executeTakeFirst()
      if (round?.imported_results) {
        const imported = JSON.parse(round.imported_results) as ImportedResults
        const ideas = imported.ideas.filter((i) => i.votes > 0)
        return { voters: imported.voters, totalVotes: ideas.reduce((sum, i) => sum + i.votes, 0), ideas }
      }
      const rows = await tx
        .selectFrom('voting_votes')
        .select(['voter_id', 'idea_id', 'count', 'idea_text', 'updated_at'])
        .where('round_id', '=', roundId)
        .where('count', '>', 0)
        .execute()
      const ballots = await tx
        .selectFrom('voting_ballots')
        .select('voter_id')
        .where('round_id', '=', roundId)
        .where('used', '>', 0)
        .execute()
      const ideas = new Map<string, IdeaTally & { textAt: number }>()
      let totalVotes = 0
      for (const row of rows) {
        const votes = Number(row.count)
        const proxyVotes = isProxyVoter(row.voter_id) ? votes : 0
        const at = Number(row.updated_at)
        totalVotes += votes
        const entry = ideas.get(row.idea_id)
        if (!entry) ideas.set(row.idea_id, { ideaId: row.idea_id, votes, proxyVotes, text: row.idea_text, textAt: at })
        else {
          entry.votes += votes
          entry.proxyVotes += proxyVotes
          if (at > entry.textAt) Object.assign(entry, { text: row.idea_text, textAt: at })
        }
      }
      return {
        voters: ballots.length,
        totalVotes,
        ideas: [...ideas.values()].map(({ ideaId, votes, proxyVotes, text }) => ({ ideaId, votes, proxyVotes, text })),
      }
    })
  }

  async myVotes(roundId: string, voterId: string): Promise<MyVotes> {
    return this.readMyVotes(this.db, roundId, voterId)
  }

  async ballots(roundId: string): Promise<VoterBallot[]> {
    return this.db.transaction().execute(async (tx) => {
      const ballots = await tx
        .selectFrom('voting_ballots')
        .select(['voter_id', 'voter_name'])
        .where('round_id', '=', roundId)
        .where('used', '>', 0)
        .orderBy('voter_name')
        .orderBy('voter_id')
        .execute()
      const votes = await tx
        .selectFrom('voting_votes')
        .select(['voter_id', 'idea_id', 'count'])
        .where('round_id', '=', roundId)
        .where('count', '>', 0)
        .execute()
      const byVoter = new Map<string, MyVotes>()
      for (const v of votes) {
        const mine = byVoter.get(v.voter_id) ?? {}
        mine[v.idea_id] = Number(v.count)
        byVoter.set(v.voter_id, mine)
      }
      return ballots.map((b) => ({
        voterId: b.voter_id,
        name: b.voter_name,
        votes: byVoter.get(b.voter_id) ?? {},
        proxy: isProxyVoter(b.voter_id),
      }))
    })
  }

  async proxies(roundId: string): Promise<{ name: string; used: number }[]> {
    const rows = await this.db
      .selectFrom('voting_ballots')
      .select(['voter_name', 'used'])
      .where('round_id', '=', roundId)
      .where('voter_id', 'like', 'proxy:%')
      .orderBy('voter_name')
      .execute()
    return rows.map((r) => ({ name: r.voter_name, used: Number(r.used) }))
  }

  async changeTimer(roundId: string, action: TimerAction, now: number, extendMs?: number): Promise<TimerChangeResult> {
    return this.db.transaction().execute(async (tx) => {
      // Exclusive on PostgreSQL: a pause and an extend from two laptops apply one after the other.
      const row = await tx
        .selectFrom('voting_rounds')
        .selectAll()
        .where('id', '=', roundId)
        .$if(this.dialect === 'postgres', (qb) => qb.forUpdate())
        .executeTakeFirst()
      if (!row) throw new Error(`changeTimer: no round ${roundId}`)
      const round = toRound(row)
      const outcome = decideTimerChange(round, action, now, extendMs)
      if (!outcome.ok || !outcome.changed) return { ...outcome, round }
      await tx
        .updateTable('voting_rounds')
        .set({ closes_at: outcome.closesAt, paused_remaining_ms: outcome.pausedRemainingMs })
        .where('id', '=', roundId)
        .where('status', '=', RoundStatus.open)
        .execute()
      return {
        ...outcome,
        round: { ...round, closesAt: outcome.closesAt, pausedRemainingMs: outcome.pausedRemainingMs },
      }
    })
  }

  async importRound(round: RoundRow, results: ImportedResults): Promise<void> {
    await this.db
      .insertInto('voting_rounds')
      .values({
        id: round.id,
        board_id: round.boardId,
        // Never open: an imported round is a record of the past, and would block the board.
        status: round.status === RoundStatus.revealed ? RoundStatus.revealed : RoundStatus.closed,
        dots_per_participant: round.dotsPerParticipant,
        max_per_idea: round.maxPerIdea,
        eligible_idea_ids: round.ideaIds === null ? null : JSON.stringify(round.ideaIds),
        anonymous: round.anonymous ? 1 : 0,
        duration_seconds: round.durationSeconds,
        opened_at: round.openedAt,
        closes_at: round.closesAt,
        closed_at: round.closedAt ?? round.openedAt,
        revealed_at: round.revealedAt,
        imported_results: JSON.stringify(results),
      })
      .execute()
  }

  async getShortlist(boardId: string): Promise<ShortlistEntry[]> {
    return this.readShortlist(this.db, boardId)
  }

  async updateShortlist(
    boardId: string,
    change: (current: ShortlistEntry[]) => ShortlistEntry[],
  ): Promise<ShortlistEntry[]> {
    return this.db.transaction().execute(async (tx) => {
      // The board row is the lock (the shortlist may have no rows yet); SQLite is serial anyway.
      await tx
        .selectFrom('boards')
        .select('id')
        .where('id', '=', boardId)
        .$if(this.dialect === 'postgres', (qb) => qb.forUpdate())
        .executeTakeFirst()
      const next = change(await this.readShortlist(tx, boardId))
      await this.writeShortlist(tx, boardId, next)
      return next
    })
  }

  private async readShortlist(db: Kysely<Database>, boardId: string): Promise<ShortlistEntry[]> {
    const rows = await db
      .selectFrom('board_shortlists')
      .selectAll()
      .where('board_id', '=', boardId)
      .orderBy('position')
      .execute()
    return rows.map((r) => ({
      ideaId: r.idea_id,
      text: r.idea_text,
      roundId: r.round_id,
      votes: r.votes === null ? null : Number(r.votes),
      addedAt: Number(r.added_at),
    }))
  }

  async setShortlist(boardId: string, entries: readonly ShortlistEntry[]): Promise<void> {
    await this.db.transaction().execute((tx) => this.writeShortlist(tx, boardId, entries))
  }

  private async writeShortlist(tx: Transaction<Database>, boardId: string, entries: readonly ShortlistEntry[]) {
    await tx.deleteFrom('board_shortlists').where('board_id', '=', boardId).execute()
    if (entries.length === 0) return
    await tx
      .insertInto('board_shortlists')
      .values(
        entries.map((e, position) => ({
          board_id: boardId,
          idea_id: e.ideaId,
          position,
          idea_text: e.text,
          round_id: e.roundId,
          votes: e.votes,
          added_at: e.addedAt,
        })),
      )
      .execute()
  }

  private async readMyVotes(db: Kysely<Database>, roundId: string, voterId: string): Promise<MyVotes> {
    const rows = await db
      .selectFrom('voting_votes')
      .select(['idea_id', 'count'])
      .where('round_id', '=', roundId)
      .where('voter_id', '=', voterId)
      .where('count', '>', 0)
      .execute()
    const mine: MyVotes = {}
    for (const row of rows) mine[row.idea_id] = Number(row.count)
    return mine
  }

  /** Writes the accepted state of the one idea that changed, and the ballot's dots used. */
  private async writeTap(tx: Transaction<Database>, input: CastVote, after: MyVotes): Promise<void> {
    const count = after[input.ideaId] ?? 0
    await tx
      .insertInto('voting_votes')
      .values({
        round_id: input.roundId,
        voter_id: input.voterId,
        idea_id: input.ideaId,
        count,
        idea_text: input.ideaText,
        updated_at: input.now,
      })
      .onConflict((oc) =>
        oc.columns(['round_id', 'voter_id', 'idea_id']).doUpdateSet(
          // Removing a dot from a deleted card must not blank the text kept for the results.
          input.delta === 1 || input.ideaText !== ''
            ? { count, idea_text: input.ideaText, updated_at: input.now }
            : { count, updated_at: input.now },
        ),
      )
      .execute()
    await tx
      .updateTable('voting_ballots')
      .set({ used: usedDots(after), updated_at: input.now })
      .where('round_id', '=', input.roundId)
      .where('voter_id', '=', input.voterId)
      .execute()
  }

  private async closeOpen(tx: Transaction<Database>, roundId: string, now: number): Promise<void> {
    // A round whose timer ran out closed at its deadline, not when someone noticed.
    const round = await tx.selectFrom('voting_rounds').selectAll().where('id', '=', roundId).executeTakeFirst()
    if (!round || round.status !== RoundStatus.open) return
    const closesAt = round.closes_at === null ? null : Number(round.closes_at)
    await tx
      .updateTable('voting_rounds')
      .set({
        status: RoundStatus.closed,
        closed_at: closesAt !== null && closesAt <= now ? closesAt : now,
        paused_remaining_ms: null,
      })
      .where('id', '=', roundId)
      .where('status', '=', RoundStatus.open)
      .execute()
  }

  private async closeOverdue(tx: Transaction<Database>, now: number, boardId?: string): Promise<string[]> {
    const overdue = await tx
      .selectFrom('voting_rounds')
      .select(['id', 'closes_at'])
      .where('status', '=', RoundStatus.open)
      .where('closes_at', '<=', now)
      .$if(boardId !== undefined, (qb) => qb.where('board_id', '=', boardId!))
      .execute()
    for (const round of overdue) {
      await tx
        .updateTable('voting_rounds')
        .set({ status: RoundStatus.closed, closed_at: Number(round.closes_at) })
        .where('id', '=', round.id)
        .where('status', '=', RoundStatus.open)
        .execute()
    }
    return overdue.map((r) => r.id)
  }
}

/** A store that also carries the voting port, on the same database connection. */
export type StoreWithVoting = Store & { readonly voting: VotingStore }

export function withVoting(store: Store, db: Kysely<Database>, dialect: Dialect): StoreWithVoting {
  return Object.assign(store, { voting: new KyselyVotingStore(db, dialect) })
}
