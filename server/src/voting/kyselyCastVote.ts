import { type Kysely, type RawBuilder, sql } from 'kysely'
import type { Dialect } from '../store/migrations.ts'
import type { Database } from '../store/schema.ts'
import { type RoundRecord, toRound } from './kyselyRounds.ts'
import { type CastVote, UnknownRound } from './VotingStore.ts'
import { decideVote, dotsOn, type MyVotes, usedDots, type VoteOutcome } from './votingRules.ts'

/**
 * One tap, exact under any concurrency, in as few round trips as the database allows.
 *
 * Every tap reads everything it needs in **one statement** (the round, the voter's ballot and
 * dots, the stored answer to its request id — one snapshot), lets the pure rules decide
 * (`decideVote`), and writes.
 *
 * - **PostgreSQL: two statements, no open transaction.** The write is one statement (data-
 *   modifying CTEs) that applies only if neither the voter's ballot row nor the round row has
 *   changed since the read: it compares their row versions (`xmin`, new with every update), and
 *   takes the round row `FOR SHARE` while it writes, so a close waits for it and a tap after the
 *   close sees the new version. Every write of a voter (a dot, a removal, a stored refusal) goes
 *   through their ballot row, so two taps of one person can never both apply on the same state:
 *   the loser writes nothing, and its next read sees the winner's dots and request id. A tap that
 *   lost once takes the ballot row lock in a transaction and goes one at a time (one person's
 *   taps racing each other; for them waiting is cheaper than reading again and again).
 * - **SQLite** runs the same read and the writes in one transaction; SQLite has one writer at a
 *   time and Kysely runs this store's transactions on one connection, so they are serial anyway.
 *
 * Round trips per accepted tap with a request id (docs/performance.md): PostgreSQL 10 before
 * (BEGIN, round FOR SHARE, ballot insert, ballot FOR UPDATE, request, my votes, vote, ballot,
 * request insert, COMMIT), 2 now; a lost race 5 more (BEGIN, lock, read, write, COMMIT).
 */
export async function castVote(
  db: Kysely<Database>,
  dialect: Dialect,
  input: CastVote,
  hooks: CastVoteHooks = {},
): Promise<VoteOutcome> {
  if (dialect === 'sqlite') {
    return db.transaction().execute(async (tx) => {
      const state = await readTap(tx, dialect, input)
      const outcome = state.seen ?? decide(state, input)
      if (!state.seen) await writeSqlite(tx, input, state, outcome)
      return outcome
    })
  }
  const first = await tryTap(db, input, hooks)
  if (first) return first
  // Lost a race against another tap of the same person: one at a time from here. Only a round
  // that changes meanwhile (closed, timer changed) makes a locked attempt fail; it is rare.
  for (let attempt = 0; attempt < MAX_LOCKED_ATTEMPTS; attempt++) {
    const outcome = await db.transaction().execute(async (tx) => {
      await lockBallot(tx, input)
      return tryTap(tx, input, hooks)
    })
    if (outcome) return outcome
  }
  throw new Error(`castVote: round ${input.roundId} kept changing; the tap was not applied`)
}

const MAX_LOCKED_ATTEMPTS = 10

/** For tests: lets something happen between a tap's read and its write (PostgreSQL). */
export interface CastVoteHooks {
  afterRead?: (input: CastVote) => Promise<void>
}

interface TapState {
  round: RoundRecord
  /** PostgreSQL's row version (`xmin`) of the round row when read. */
  roundVersion: string | null
  /** The ballot row's version (PostgreSQL); null on SQLite. */
  ballotVersion: string | null
  hasBallot: boolean
  myVotes: MyVotes
  /** The stored answer to this request id, if it was seen before. */
  seen: VoteOutcome | null
}

/** Reads all a tap needs in one statement (one snapshot). */
async function readTap(db: Kysely<Database>, dialect: Dialect, input: CastVote): Promise<TapState> {
  const pg = dialect === 'postgres'
  const rows = await db
    .selectFrom('voting_rounds as r')
    .leftJoin('voting_ballots as b', (join) =>
      join.onRef('b.round_id', '=', 'r.id').on('b.voter_id', '=', input.voterId),
    )
    .leftJoin('voting_votes as v', (join) =>
      join.onRef('v.round_id', '=', 'r.id').on('v.voter_id', '=', input.voterId).on('v.count', '>', 0),
    )
    .selectAll('r')
    .select(['b.voter_id as ballot_voter', 'v.idea_id as vote_idea', 'v.count as vote_count'])
    .select([
      (pg ? sql<string | null>`r.xmin::text` : sql<string | null>`null`).as('round_version'),
      (pg ? sql<string | null>`b.xmin::text` : sql<string | null>`null`).as('ballot_version'),
    ])
    .select(
      (input.requestId === undefined
        ? sql<string | null>`null`
        : sql<string | null>`(${db
            .selectFrom('voting_requests')
            .select('outcome')
            .where('round_id', '=', input.roundId)
            .where('voter_id', '=', input.voterId)
            .where('request_id', '=', input.requestId)})`
      ).as('seen'),
    )
    .where('r.id', '=', input.roundId)
    .execute()
  const first = rows[0]
  if (!first) throw new UnknownRound(input.roundId)
  const myVotes: MyVotes = {}
  for (const row of rows) if (row.vote_idea !== null) myVotes[row.vote_idea] = Number(row.vote_count)
  const { ballot_voter, vote_idea: _idea, vote_count: _count, round_version, ballot_version, seen, ...round } = first
  return {
    round,
    roundVersion: round_version,
    ballotVersion: ballot_version,
    hasBallot: ballot_voter !== null,
    myVotes,
    seen: seen === null ? null : (JSON.parse(seen) as VoteOutcome),
  }
}

const decide = (state: TapState, input: CastVote): VoteOutcome =>
  decideVote(
    toRound(state.round),
    state.myVotes,
    { ideaId: input.ideaId, delta: input.delta, eligible: input.eligible },
    input.now,
  )

/** PostgreSQL: read, decide, write if nothing changed meanwhile; null when something did. */
async function tryTap(db: Kysely<Database>, input: CastVote, hooks: CastVoteHooks): Promise<VoteOutcome | null> {
  const state = await readTap(db, 'postgres', input)
  if (state.seen) return state.seen
  const outcome = decide(state, input)
  await hooks.afterRead?.(input)
  // A refusal without a request id changes nothing (a voter's first one still leaves a ballot,
  // as it always did: proxies are listed from their ballots).
  if (!outcome.ok && input.requestId === undefined && state.hasBallot) return outcome
  const { rows } = await writePostgres(input, state, outcome).execute(db)
  return Number(rows[0]?.applied ?? 0) === 1 ? outcome : null
}

/** The ballot row lock: taps of one person after it run one after another. */
async function lockBallot(db: Kysely<Database>, input: CastVote): Promise<void> {
  await db
    .insertInto('voting_ballots')
    .values({
      round_id: input.roundId,
      voter_id: input.voterId,
      voter_name: input.voterName,
      used: 0,
      updated_at: input.now,
    })
    .onConflict((oc) =>
      oc.columns(['round_id', 'voter_id']).doUpdateSet((eb) => ({ used: eb.ref('voting_ballots.used') })),
    )
    .execute()
}

/**
 * One statement: ballot (only if unchanged since read; the round too when a dot is accepted),
 * then the idea's dots and the request's answer, only if the ballot was written.
 */
function writePostgres(input: CastVote, state: TapState, outcome: VoteOutcome): RawBuilder<{ applied: number }> {
  const { roundId, voterId, now } = input
  const used = outcome.ok ? usedDots(outcome.myVotes) : usedDots(state.myVotes)
  const round = outcome.ok
    ? sql`SELECT id FROM voting_rounds WHERE id = ${roundId} AND xmin = ${state.roundVersion}::xid FOR SHARE`
    : sql`SELECT ${roundId}::text AS id`
  const ballot =
    state.ballotVersion === null
      ? sql`INSERT INTO voting_ballots (round_id, voter_id, voter_name, used, updated_at)
            SELECT ${roundId}::text, ${voterId}::text, ${input.voterName}::text, ${used}::int, ${now}::bigint FROM rnd
            ON CONFLICT (round_id, voter_id) DO NOTHING RETURNING 1 AS one`
      : sql`UPDATE voting_ballots SET used = ${used}::int${outcome.ok ? sql`, updated_at = ${now}::bigint` : sql``}
            WHERE round_id = ${roundId} AND voter_id = ${voterId} AND xmin = ${state.ballotVersion}::xid
              AND EXISTS (SELECT 1 FROM rnd) RETURNING 1 AS one`
  const ctes = [sql`rnd AS (${round})`, sql`ballot AS (${ballot})`]
  if (outcome.ok) {
    const count = dotsOn(outcome.myVotes, input.ideaId)
    // Removing a dot from a deleted card must not blank the text kept for the results.
    const keepText = input.delta === -1 && input.ideaText === ''
    ctes.push(sql`vote AS (
      INSERT INTO voting_votes (round_id, voter_id, idea_id, count, idea_text, updated_at)
      SELECT ${roundId}::text, ${voterId}::text, ${input.ideaId}::text, ${count}::int, ${input.ideaText}::text, ${now}::bigint FROM ballot
      ON CONFLICT (round_id, voter_id, idea_id) DO UPDATE SET count = excluded.count, updated_at = excluded.updated_at
      ${keepText ? sql`` : sql`, idea_text = excluded.idea_text`})`)
  }
  if (input.requestId !== undefined) {
    ctes.push(sql`request AS (
      INSERT INTO voting_requests (round_id, voter_id, request_id, outcome, created_at)
      SELECT ${roundId}::text, ${voterId}::text, ${input.requestId}::text, ${JSON.stringify(outcome)}::text, ${now}::bigint FROM ballot)`)
  }
  return sql<{ applied: number }>`WITH ${sql.join(ctes, sql`, `)} SELECT count(*)::int AS applied FROM ballot`
}

/** SQLite, inside the tap's transaction (serial): writes what the rules decided. */
async function writeSqlite(tx: Kysely<Database>, input: CastVote, state: TapState, outcome: VoteOutcome) {
  const { roundId, voterId, now } = input
  if (!state.hasBallot || outcome.ok) {
    await tx
      .insertInto('voting_ballots')
      .values({
        round_id: roundId,
        voter_id: voterId,
        voter_name: input.voterName,
        used: outcome.ok ? usedDots(outcome.myVotes) : 0,
        updated_at: now,
      })
      .onConflict((oc) =>
        oc.columns(['round_id', 'voter_id']).doUpdateSet((eb) => ({
          used: eb.ref('excluded.used'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute()
  }
  if (outcome.ok) {
    const count = dotsOn(outcome.myVotes, input.ideaId)
    const keepText = input.delta === -1 && input.ideaText === ''
    await tx
      .insertInto('voting_votes')
      .values({
        round_id: roundId,
        voter_id: voterId,
        idea_id: input.ideaId,
        count,
        idea_text: input.ideaText,
        updated_at: now,
      })
      .onConflict((oc) =>
        oc
          .columns(['round_id', 'voter_id', 'idea_id'])
          .doUpdateSet(keepText ? { count, updated_at: now } : { count, idea_text: input.ideaText, updated_at: now }),
      )
      .execute()
  }
  if (input.requestId !== undefined) {
    await tx
      .insertInto('voting_requests')
      .values({
        round_id: roundId,
        voter_id: voterId,
        request_id: input.requestId,
        outcome: JSON.stringify(outcome),
        created_at: now,
      })
      .execute()
  }
}
