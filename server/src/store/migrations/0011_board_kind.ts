import { sql, type Kysely } from 'kysely'
import type { Migration } from 'kysely/migration'

/**
 * What a board is for (issue 14):
 * - `boards.kind`: 'table' (a Thementisch, the default) or 'plenary' (the workshop's Plenum,
 *   which gathers every table's shortlist). Boards made from the plenum template before there
 *   was a kind are the boards the gatherer writes into: they become the plenary.
 * - `boards.open_to_participants`: 1 when the join page offers the board to participants. Tables
 *   are always offered; a plenary only once the organiser opens it (a plenary vote).
 */
export const boardKind: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('boards')
      .addColumn('kind', 'text', (c) => c.notNull().defaultTo('table'))
      .execute()
    await db.schema
      .alterTable('boards')
      .addColumn('open_to_participants', 'integer', (c) => c.notNull().defaultTo(sql`1`))
      .execute()
    await sql`update boards set kind = 'plenary', open_to_participants = 0 where template = 'plenum'`.execute(db)
  },
}
