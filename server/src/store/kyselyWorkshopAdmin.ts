import { type Kysely, sql, type Transaction } from 'kysely'
import { mayTakeSeat } from '../domain/tableLimit.ts'
import type { Dialect } from './migrations/types.ts'
import type { Database } from './schema.ts'
import type { DeletedWorkshop, SeatResult } from './Store.ts'

/** Table seats and workshop deletion for KyselyStore (SQLite and PostgreSQL). */

/** Tables that outlive a deleted workshop on purpose (the tombstone). */
const TOMBSTONE_TABLES = new Set(['deleted_workshops', 'deleted_workshop_tokens'])
/** SQLite allows a limited number of bound values per statement. */
const CHUNK = 500

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK))
  return out
}

async function seatedAt(tx: Transaction<Database>, boardId: string, exceptParticipant: string): Promise<number> {
  const row = await tx
    .selectFrom('table_seats as s')
    .innerJoin('participants as p', 'p.id', 's.participant_id')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('s.board_id', '=', boardId)
    .where('p.revoked_at', 'is', null)
    .where('s.participant_id', '!=', exceptParticipant)
    .executeTakeFirst()
  return Number(row?.n ?? 0)
}

/**
 * On PostgreSQL the board row is locked first (`FOR UPDATE`), so two participants racing for the
 * last seat of a table are decided one after the other; SQLite runs one writer at a time anyway.
 */
export async function takeSeat(
  db: Kysely<Database>,
  dialect: Dialect,
  boardId: string,
  participantId: string,
  now: number,
): Promise<SeatResult> {
  return db.transaction().execute(async (tx) => {
    const board = await tx
      .selectFrom('boards')
      .select('max_participants')
      .where('id', '=', boardId)
      .$if(dialect === 'postgres', (qb) => qb.forUpdate())
      .executeTakeFirstOrThrow()
    const maxParticipants = board.max_participants === null ? null : Number(board.max_participants)
    const current = await tx
      .selectFrom('table_seats')
      .select('board_id')
      .where('participant_id', '=', participantId)
      .executeTakeFirst()
    const alreadySeated = current?.board_id === boardId
    const othersSeated = await seatedAt(tx, boardId, participantId)
    if (!mayTakeSeat({ maxParticipants, othersSeated, alreadySeated })) {
      return { ok: false, seated: othersSeated, maxParticipants }
    }
    if (!alreadySeated) {
      await tx
        .insertInto('table_seats')
        .values({ participant_id: participantId, board_id: boardId, seated_at: now })
        .onConflict((oc) => oc.column('participant_id').doUpdateSet({ board_id: boardId, seated_at: now }))
        .execute()
    }
    return { ok: true, seated: othersSeated + 1, maxParticipants }
  })
}

export async function countSeats(db: Kysely<Database>, workshopId: string): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('table_seats as s')
    .innerJoin('participants as p', 'p.id', 's.participant_id')
    .select(['s.board_id', (eb) => eb.fn.countAll().as('n')])
    .where('p.workshop_id', '=', workshopId)
    .where('p.revoked_at', 'is', null)
    .groupBy('s.board_id')
    .execute()
  return Object.fromEntries(rows.map((r) => [r.board_id, Number(r.n)]))
}

/** The participants (not revoked) whose current table is this board, oldest seat first. */
export async function listSeated(db: Kysely<Database>, boardId: string): Promise<{ id: string; name: string }[]> {
  return db
    .selectFrom('table_seats as s')
    .innerJoin('participants as p', 'p.id', 's.participant_id')
    .select(['p.id as id', 'p.name as name'])
    .where('s.board_id', '=', boardId)
    .where('p.revoked_at', 'is', null)
    .orderBy('s.seated_at')
    .execute()
}

/**
 * Deletes by column name, not by a list of tables: every table with a `board_id` column (rows
 * of the workshop's boards) or a `workshop_id` column, whichever feature added it, then the
 * boards and the workshop; foreign keys with ON DELETE CASCADE take what hangs below (ballots
 * and votes of rounds, …). A new table keyed differently must cascade from one of these.
 */
export async function deleteWorkshop(db: Kysely<Database>, workshopId: string, now: number): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    const workshop = await tx
      .selectFrom('workshops')
      .select(['id', 'join_code'])
      .where('id', '=', workshopId)
      .executeTakeFirst()
    if (!workshop) return false
    const boardIds = (await tx.selectFrom('boards').select('id').where('workshop_id', '=', workshopId).execute()).map(
      (b) => b.id,
    )
    const tokenHashes = (
      await tx.selectFrom('access_tokens').select('token_hash').where('workshop_id', '=', workshopId).execute()
    ).map((t) => t.token_hash)

    await tx
      .insertInto('deleted_workshops')
      .values({ id: workshopId, join_code: workshop.join_code, deleted_at: now })
      .execute()
    for (const part of chunks(tokenHashes)) {
      await tx
        .insertInto('deleted_workshop_tokens')
        .values(part.map((token_hash) => ({ token_hash, deleted_workshop_id: workshopId })))
        .onConflict((oc) => oc.column('token_hash').doNothing())
        .execute()
    }

    const tables = (await tx.introspection.getTables()).filter((t) => !TOMBSTONE_TABLES.has(t.name))
    const byBoard = tables.filter((t) => t.name !== 'boards' && t.columns.some((c) => c.name === 'board_id'))
    const byWorkshop = tables.filter(
      (t) => t.name !== 'boards' && t.name !== 'workshops' && t.columns.some((c) => c.name === 'workshop_id'),
    )
    const table = (t: { name: string; schema?: string }) => (t.schema ? sql.id(t.schema, t.name) : sql.id(t.name))
    for (const t of byBoard) {
      for (const part of chunks(boardIds)) {
        await sql`delete from ${table(t)} where board_id in (${sql.join(part)})`.execute(tx)
      }
    }
    for (const t of byWorkshop) await sql`delete from ${table(t)} where workshop_id = ${workshopId}`.execute(tx)
    await tx.deleteFrom('boards').where('workshop_id', '=', workshopId).execute()
    await tx.deleteFrom('workshops').where('id', '=', workshopId).execute()
    return true
  })
}

export async function findDeletedWorkshop(
  db: Kysely<Database>,
  by: { joinCode: string } | { tokenHash: string } | { workshopId: string },
): Promise<DeletedWorkshop | null> {
  const row =
    'joinCode' in by || 'workshopId' in by
      ? await db
          .selectFrom('deleted_workshops')
          .select(['id', 'deleted_at'])
          .$if('joinCode' in by, (qb) => qb.where('join_code', '=', (by as { joinCode: string }).joinCode))
          .$if('workshopId' in by, (qb) => qb.where('id', '=', (by as { workshopId: string }).workshopId))
          .orderBy('deleted_at', 'desc')
          .executeTakeFirst()
      : await db
          .selectFrom('deleted_workshop_tokens as t')
          .innerJoin('deleted_workshops as w', 'w.id', 't.deleted_workshop_id')
          .select(['w.id', 'w.deleted_at'])
          .where('t.token_hash', '=', by.tokenHash)
          .executeTakeFirst()
  return row ? { id: row.id, deletedAt: Number(row.deleted_at) } : null
}
