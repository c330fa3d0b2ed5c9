import type { Kysely, Selectable, Transaction } from 'kysely'
import type { Dialect } from '../store/migrations.ts'
import type { Database } from '../store/schema.ts'
import { decideTimerChange, type TimerAction } from './timerRules.ts'
import type { CreateRoundResult, ImportedResults, RoundRow, TimerChangeResult } from './VotingStore.ts'
import { RoundStatus } from './votingRules.ts'

/** Voting rounds through Kysely: opening, closing, revealing, timers, imports (SQLite and PostgreSQL). */

export type RoundRecord = Selectable<Database['voting_rounds']>

export const toRound = (r: RoundRecord): RoundRow => ({
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

export class KyselyRounds {
  private readonly db: Kysely<Database>
  private readonly dialect: Dialect

  constructor(db: Kysely<Database>, dialect: Dialect) {
    this.db = db
    this.dialect = dialect
  }

  async createRound(round: RoundRow): Promise<CreateRoundResult> {
    try {
      return await this.db.transaction().execute(async (tx) => {
        await closeOverdue(tx, round.openedAt, round.boardId)
        const open = await openRoundOf(tx, round.boardId)
        if (open) return { ok: false as const, openRoundId: open.id }
        await tx
          .insertInto('voting_rounds')
          .values({
            ...settingsOf(round),
            status: RoundStatus.open,
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
      const open = await openRoundOf(this.db, round.boardId)
      if (!open) throw error
      return { ok: false, openRoundId: open.id }
    }
  }

  async getRound(roundId: string): Promise<RoundRow | null> {
    return readRound(this.db, roundId)
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

  async closeRound(roundId: string, closedAt: number): Promise<RoundRow | null> {
    return this.db.transaction().execute(async (tx) => {
      await closeOpen(tx, roundId, closedAt)
      return readRound(tx, roundId)
    })
  }

  async closeOverdueRounds(now: number): Promise<string[]> {
    return this.db.transaction().execute((tx) => closeOverdue(tx, now))
  }

  async revealRound(roundId: string, now: number): Promise<RoundRow | null> {
    return this.db.transaction().execute(async (tx) => {
      await closeOpen(tx, roundId, now)
      await tx
        .updateTable('voting_rounds')
        .set({ status: RoundStatus.revealed, revealed_at: now })
        .where('id', '=', roundId)
        .where('status', '=', RoundStatus.closed)
        .execute()
      return readRound(tx, roundId)
    })
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
        ...settingsOf(round),
        // Never open: an imported round is a record of the past, and would block the board.
        status: round.status === RoundStatus.revealed ? RoundStatus.revealed : RoundStatus.closed,
        closed_at: round.closedAt ?? round.openedAt,
        revealed_at: round.revealedAt,
        imported_results: JSON.stringify(results),
      })
      .execute()
  }
}

/** A round's columns as it was opened (not its status). */
const settingsOf = (round: RoundRow) => ({
  id: round.id,
  board_id: round.boardId,
  dots_per_participant: round.dotsPerParticipant,
  max_per_idea: round.maxPerIdea,
  eligible_idea_ids: round.ideaIds === null ? null : JSON.stringify(round.ideaIds),
  anonymous: round.anonymous ? 1 : 0,
  duration_seconds: round.durationSeconds,
  opened_at: round.openedAt,
  closes_at: round.closesAt,
})

async function readRound(db: Kysely<Database>, roundId: string): Promise<RoundRow | null> {
  const row = await db.selectFrom('voting_rounds').selectAll().where('id', '=', roundId).executeTakeFirst()
  return row ? toRound(row) : null
}

function openRoundOf(db: Kysely<Database>, boardId: string) {
  return db
    .selectFrom('voting_rounds')
    .select('id')
    .where('board_id', '=', boardId)
    .where('status', '=', RoundStatus.open)
    .executeTakeFirst()
}

async function closeOpen(tx: Transaction<Database>, roundId: string, now: number): Promise<void> {
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

async function closeOverdue(tx: Transaction<Database>, now: number, boardId?: string): Promise<string[]> {
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
