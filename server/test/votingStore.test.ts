import { randomUUID } from 'node:crypto'
import SqliteDatabase from 'better-sqlite3'
import { Kysely, type LogEvent, PostgresDialect, SqliteDialect } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { featureMigrations } from '../src/features/index.ts'
import { migrate } from '../src/store/kyselyStore.ts'
import type { Dialect } from '../src/store/migrations.ts'
import { createPostgresPool } from '../src/store/openPostgresStore.ts'
import type { Database } from '../src/store/schema.ts'
import { KyselyVotingStore } from '../src/voting/kyselyVotingStore.ts'
import type { CastVote } from '../src/voting/VotingStore.ts'
import { RoundStatus, type VoteOutcome } from '../src/voting/votingRules.ts'

/**
 * The voting store itself, below HTTP (no rate limit, no pool wait in front of it), on both
 * databases and on PostgreSQL as two instances (two pools, two stores, one database):
 * - how many statements a tap costs, counted with Kysely's log hook, with an upper bound so
 *   the round trips cannot creep back (docs/performance.md has the before/after);
 * - one person's taps racing each other far beyond the budget, the same request id sent ten
 *   times at once, adds and removals racing, a timer changed in the middle of it.
 */

/** Statements sent to the database (BEGIN and COMMIT included, as Kysely logs them). */
class Counter {
  statements: string[] = []
  readonly log = (event: LogEvent) => {
    this.statements.push(event.query.sql)
  }
  async count(run: () => Promise<unknown>): Promise<number> {
    const before = this.statements.length
    await run()
    return this.statements.length - before
  }
}

interface Instance {
  db: Kysely<Database>
  store: KyselyVotingStore
  counter: Counter
}

function openInstance(dialect: Dialect, sqliteFile?: SqliteDatabase.Database): Instance {
  const counter = new Counter()
  const db = new Kysely<Database>({
    dialect:
      dialect === 'postgres'
        ? new PostgresDialect({ pool: createPostgresPool(process.env.DATABASE_URL!) })
        : new SqliteDialect({ database: sqliteFile! }),
    log: counter.log,
  })
  return { db, store: new KyselyVotingStore(db, dialect), counter }
}

async function newRound(db: Kysely<Database>, options: { dots: number; cap: number | null }): Promise<string> {
  const workshopId = randomUUID()
  const boardId = randomUUID()
  const roundId = randomUUID()
  await db
    .insertInto('workshops')
    .values({ id: workshopId, title: 'Test', language: 'de', date: null, join_code: randomUUID(), created_at: 1 })
    .execute()
  await db
    .insertInto('boards')
    .values({
      id: boardId,
      workshop_id: workshopId,
      title: 'Tisch 1',
      question: '',
      template: 'blank',
      position: 0,
      created_at: 1,
      last_activity_at: null,
    })
    .execute()
  await db
    .insertInto('voting_rounds')
    .values({
      id: roundId,
      board_id: boardId,
      status: RoundStatus.open,
      dots_per_participant: options.dots,
      max_per_idea: options.cap,
      eligible_idea_ids: null,
      anonymous: 0,
      duration_seconds: null,
      opened_at: Date.now(),
      closes_at: Date.now() + 3_600_000,
      closed_at: null,
      revealed_at: null,
    })
    .execute()
  return roundId
}

const tap = (roundId: string, voterId: string, ideaId: string, more: Partial<CastVote> = {}): CastVote => ({
  roundId,
  voterId,
  voterName: `Name ${voterId}`,
  ideaId,
  ideaText: `Text ${ideaId}`,
  delta: 1,
  eligible: true,
  requestId: randomUUID(),
  now: Date.now(),
  ...more,
})

/** What the ballot row says and what the vote rows add up to must agree. */
async function ballotOf(db: Kysely<Database>, roundId: string, voterId: string) {
  const ballot = await db
    .selectFrom('voting_ballots')
    .select('used')
    .where('round_id', '=', roundId)
    .where('voter_id', '=', voterId)
    .executeTakeFirst()
  const votes = await db
    .selectFrom('voting_votes')
    .select(['idea_id', 'count'])
    .where('round_id', '=', roundId)
    .where('voter_id', '=', voterId)
    .execute()
  return {
    used: ballot === undefined ? null : Number(ballot.used),
    sum: votes.reduce((s, v) => s + Number(v.count), 0),
    perIdea: Object.fromEntries(votes.map((v) => [v.idea_id, Number(v.count)])),
  }
}

const accepted = (outcomes: VoteOutcome[]) => outcomes.filter((o) => o.ok).length

function votingStoreSuite(dialect: Dialect, maxStatementsPerTap: number) {
  let a: Instance
  /** A second instance: on PostgreSQL its own pool and store, as a second server would have. */
  let b: Instance
  let sqlite: SqliteDatabase.Database | undefined

  beforeAll(async () => {
    if (dialect === 'sqlite') sqlite = new SqliteDatabase(':memory:')
    a = openInstance(dialect, sqlite)
    await migrate(a.db, dialect, featureMigrations(dialect))
    b = dialect === 'postgres' ? openInstance(dialect) : a
  })
  afterAll(async () => {
    await a?.db.destroy()
    if (b !== a) await b?.db.destroy()
  })

  it(`a tap costs at most ${maxStatementsPerTap} statements, whatever it does`, async () => {
    const roundId = await newRound(a.db, { dots: 2, cap: 1 })
    const cost = (input: CastVote) => a.counter.count(() => a.store.castVote(input))
    const first = tap(roundId, 'v1', 'idea-a')
    const costs = {
      firstDot: await cost(first),
      secondDot: await cost(tap(roundId, 'v1', 'idea-b')),
      overBudget: await cost(tap(roundId, 'v1', 'idea-c')),
      overCap: await cost(tap(roundId, 'v1', 'idea-a', { delta: 1 })),
      removal: await cost(tap(roundId, 'v1', 'idea-b', { delta: -1 })),
      replay: await cost(first),
      withoutRequestId: await cost(tap(roundId, 'v1', 'idea-c', { requestId: undefined })),
      refusedWithoutRequestId: await cost(tap(roundId, 'v1', 'idea-c', { requestId: undefined })),
    }
    for (const [what, statements] of Object.entries(costs)) {
      expect({ what, statements: Math.min(statements, maxStatementsPerTap) }).toEqual({
        what,
        statements,
      })
    }
    // A replay only reads (in its transaction on SQLite); so does a refusal nobody needs to find again.
    expect(costs.replay).toBe(dialect === 'postgres' ? 1 : 3)
    expect(costs.refusedWithoutRequestId).toBe(dialect === 'postgres' ? 1 : 3)
    if (process.env.VOTING_STORE_COSTS) console.log(dialect, JSON.stringify(costs))
    expect(await ballotOf(a.db, roundId, 'v1')).toEqual({
      used: 2,
      sum: 2,
      perIdea: { 'idea-a': 1, 'idea-b': 0, 'idea-c': 1 },
    })
  })

  it('50 taps of one person at once, far over the budget, accept exactly the budget', async () => {
    const roundId = await newRound(a.db, { dots: 3, cap: null })
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, (_, i) => (i % 2 ? b : a).store.castVote(tap(roundId, 'eager', `idea-${i % 7}`))),
    )
    expect(accepted(outcomes)).toBe(3)
    for (const o of outcomes.filter((x) => !x.ok)) expect(o).toEqual({ ok: false, code: 'budget_exhausted' })
    expect(await ballotOf(a.db, roundId, 'eager')).toMatchObject({ used: 3, sum: 3 })
    expect(await a.store.tally(roundId)).toMatchObject({ voters: 1, totalVotes: 3 })
    // Each accepted answer is a state the person really was in: 1, 2 and 3 dots, once each.
    const left = outcomes.flatMap((o) => (o.ok ? [o.remaining] : [])).sort()
    expect(left).toEqual([0, 1, 2])
  })

  it('50 taps on one idea at once: the cap decides, exactly', async () => {
    const roundId = await newRound(a.db, { dots: 10, cap: 4 })
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, (_, i) => (i % 2 ? b : a).store.castVote(tap(roundId, 'fan', 'hot'))),
    )
    expect(accepted(outcomes)).toBe(4)
    for (const o of outcomes.filter((x) => !x.ok)) expect(o).toEqual({ ok: false, code: 'idea_cap_reached' })
    expect(await ballotOf(a.db, roundId, 'fan')).toEqual({ used: 4, sum: 4, perIdea: { hot: 4 } })
  })

  it('the same request id sent 10 times at once counts once, and every copy gets the same answer', async () => {
    const roundId = await newRound(a.db, { dots: 3, cap: null })
    const input = tap(roundId, 'retrier', 'idea-a')
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 ? b : a).store.castVote({ ...input })),
    )
    for (const o of outcomes) expect(o).toEqual({ ok: true, myVotes: { 'idea-a': 1 }, remaining: 2 })
    expect(await ballotOf(a.db, roundId, 'retrier')).toEqual({ used: 1, sum: 1, perIdea: { 'idea-a': 1 } })
    // A refusal is kept for its request id too: sent again after a dot came free, still refused.
    const full = await newRound(a.db, { dots: 1, cap: null })
    await a.store.castVote(tap(full, 'x', 'idea-a'))
    const refused = tap(full, 'x', 'idea-b')
    const copies = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? b : a).store.castVote(refused)))
    for (const o of copies) expect(o).toEqual({ ok: false, code: 'budget_exhausted' })
    await a.store.castVote(tap(full, 'x', 'idea-a', { delta: -1 }))
    expect(await b.store.castVote(refused)).toEqual({ ok: false, code: 'budget_exhausted' })
  })

  it('adds, removals, retries and timer changes racing each other keep ballot and dots in step', async () => {
    const roundId = await newRound(a.db, { dots: 4, cap: 2 })
    const ideas = ['i1', 'i2', 'i3']
    const inputs = Array.from({ length: 60 }, (_, i) =>
      tap(roundId, 'busy', ideas[i % 3]!, { delta: i % 3 === 2 ? -1 : 1, requestId: `r${i % 45}` }),
    )
    const timers = Array.from({ length: 4 }, (_, i) =>
      (i % 2 ? b : a).store.changeTimer(roundId, 'extend', Date.now(), 60_000),
    )
    const outcomes = await Promise.all(inputs.map((input, i) => (i % 2 ? b : a).store.castVote(input)))
    await Promise.all(timers)
    const state = await ballotOf(a.db, roundId, 'busy')
    expect(state.used).toBe(state.sum)
    expect(state.sum).toBeLessThanOrEqual(4)
    for (const count of Object.values(state.perIdea)) expect(count).toBeLessThanOrEqual(2)
    // Each request id applied once: what its accepted answers add up to is what is stored.
    const firstAnswer = new Map<string, { delta: number; ok: boolean }>()
    inputs.forEach((input, i) => {
      const seen = firstAnswer.get(input.requestId!)
      const now = { delta: input.delta, ok: outcomes[i]!.ok }
      if (seen) expect(now.ok).toBe(seen.ok)
      else firstAnswer.set(input.requestId!, now)
    })
    const net = [...firstAnswer.values()].reduce((s, x) => s + (x.ok ? x.delta : 0), 0)
    expect(state.sum).toBe(net)
    expect(await a.store.myVotes(roundId, 'busy')).toEqual(
      Object.fromEntries(Object.entries(state.perIdea).filter(([, n]) => n > 0)),
    )
  })

  it('after the close commits no tap is accepted, on either instance', async () => {
    const roundId = await newRound(a.db, { dots: 3, cap: null })
    const voters = Array.from({ length: 30 }, (_, i) => `p${i}`)
    const taps = voters.map((voter, i) => (i % 2 ? b : a).store.castVote(tap(roundId, voter, 'idea-a')))
    const closed = a.store.closeRound(roundId, Date.now())
    const outcomes = await Promise.all(taps)
    await closed
    for (const o of outcomes.filter((x) => !x.ok)) expect(o).toEqual({ ok: false, code: 'round_not_open' })
    expect((await a.store.tally(roundId)).totalVotes).toBe(accepted(outcomes))
    expect(await b.store.castVote(tap(roundId, 'late', 'idea-a'))).toEqual({ ok: false, code: 'round_not_open' })
  })
}

describe('voting store on SQLite', () => {
  // One transaction: BEGIN, the read, up to three writes (ballot, dot, request id), COMMIT.
  votingStoreSuite('sqlite', 6)
})

// Only with a PostgreSQL to talk to.
describe.skipIf(!process.env.DATABASE_URL)('voting store on PostgreSQL, two instances', () => {
  // No transaction: one read, one write.
  votingStoreSuite('postgres', 2)
})

/**
 * PostgreSQL writes a tap only if nothing it read has changed. Here something does change,
 * deterministically, between a tap's read and its write (the store's test hook), done by a
 * second instance.
 */
describe.skipIf(!process.env.DATABASE_URL)('a tap whose state changes between its read and its write', () => {
  let a: Instance
  let b: Instance
  beforeAll(async () => {
    a = openInstance('postgres')
    await migrate(a.db, 'postgres', featureMigrations('postgres'))
    b = openInstance('postgres')
  })
  afterAll(async () => {
    await a?.db.destroy()
    await b?.db.destroy()
  })

  /** A store on `a` that runs `meanwhile` once, after its first tap's first read. */
  const storeWith = (meanwhile: () => Promise<unknown>) => {
    let done = false
    return new KyselyVotingStore(a.db, 'postgres', {
      afterRead: async () => {
        if (done) return
        done = true
        await meanwhile()
      },
    })
  }

  it('is refused when the round was closed meanwhile, and writes nothing', async () => {
    const roundId = await newRound(a.db, { dots: 3, cap: null })
    const store = storeWith(() => b.store.closeRound(roundId, Date.now()))
    const statements = await a.counter.count(async () => {
      expect(await store.castVote(tap(roundId, 'v', 'idea-a'))).toEqual({ ok: false, code: 'round_not_open' })
    })
    expect(await a.store.tally(roundId)).toMatchObject({ totalVotes: 0 })
    expect((await ballotOf(a.db, roundId, 'v')).sum).toBe(0)
    // The lost race: read and write (nothing written), then BEGIN, lock, read, write, COMMIT.
    expect(statements).toBeLessThanOrEqual(7)
  })

  it('sees the same person’s other tap that came first, and keeps the budget', async () => {
    for (const before of [0, 1]) {
      // Without a ballot yet, and with one (two different writes: insert and update).
      const roundId = await newRound(a.db, { dots: before + 1, cap: null })
      if (before) await a.store.castVote(tap(roundId, 'v', 'idea-c'))
      let other: VoteOutcome | undefined
      const store = storeWith(async () => {
        other = await b.store.castVote(tap(roundId, 'v', 'idea-b'))
      })
      expect(await store.castVote(tap(roundId, 'v', 'idea-a'))).toEqual({ ok: false, code: 'budget_exhausted' })
      expect(other).toMatchObject({ ok: true, remaining: 0 })
      expect(await ballotOf(a.db, roundId, 'v')).toMatchObject({ used: before + 1, sum: before + 1 })
    }
  })

  it('answers a retry that came first with that retry’s answer, counted once', async () => {
    for (const before of [0, 1]) {
      const roundId = await newRound(a.db, { dots: 3, cap: null })
      if (before) await a.store.castVote(tap(roundId, 'v', 'idea-c'))
      const input = tap(roundId, 'v', 'idea-a')
      let other: VoteOutcome | undefined
      const store = storeWith(async () => {
        other = await b.store.castVote(input)
      })
      const outcome = await store.castVote(input)
      expect(outcome).toMatchObject({ ok: true, remaining: 2 - before })
      expect(other).toEqual(outcome)
      expect(await ballotOf(a.db, roundId, 'v')).toMatchObject({ used: before + 1, sum: before + 1 })
    }
  })

  it('is applied once when the timer was extended meanwhile', async () => {
    const roundId = await newRound(a.db, { dots: 3, cap: null })
    const store = storeWith(() => b.store.changeTimer(roundId, 'extend', Date.now(), 60_000))
    expect(await store.castVote(tap(roundId, 'v', 'idea-a'))).toEqual({
      ok: true,
      myVotes: { 'idea-a': 1 },
      remaining: 2,
    })
    expect(await ballotOf(a.db, roundId, 'v')).toEqual({ used: 1, sum: 1, perIdea: { 'idea-a': 1 } })
  })
})
