import type { Kysely } from 'kysely'
import type { Migration } from 'kysely/migration'

/**
 * The facilitation timer of a board (one per board, independent of voting rounds). Absolute end
 * times on the server's clock, so a restart continues the countdown where it was; a stopped
 * timer is a deleted row.
 */
export const boardTimer: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('board_timers')
      .addColumn('board_id', 'text', (c) => c.primaryKey().references('boards.id').onDelete('cascade'))
      // Integers for flags: the same on SQLite and PostgreSQL.
      .addColumn('running', 'integer', (c) => c.notNull())
      .addColumn('ends_at', 'bigint')
      .addColumn('remaining_ms', 'bigint')
      .addColumn('duration_ms', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute()
  },
}
