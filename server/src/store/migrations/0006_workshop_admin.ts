import type { Kysely } from 'kysely'
import type { Migration } from 'kysely/migration'

/**
 * Table limits and deleting workshops:
 * - `boards.max_participants`: optional participant limit of a table (null = none);
 * - `table_seats`: each participant's current table (one row per participant), counted against
 *   the limit; it follows the participant from table to table and goes with them or the board;
 * - `deleted_workshops` / `deleted_workshop_tokens`: what is left of a deleted workshop — its
 *   id, join code, deletion time and the hashes of its former tokens, nothing else — so old
 *   links and codes can say "deleted" instead of "invalid". No names, no content.
 */
export const workshopAdmin: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('boards').addColumn('max_participants', 'integer').execute()
    await db.schema
      .createTable('table_seats')
      .addColumn('participant_id', 'text', (c) => c.primaryKey().references('participants.id').onDelete('cascade'))
      .addColumn('board_id', 'text', (c) => c.notNull().references('boards.id').onDelete('cascade'))
      .addColumn('seated_at', 'bigint', (c) => c.notNull())
      .execute()
    await db.schema.createIndex('table_seats_board').on('table_seats').column('board_id').execute()
    await db.schema
      .createTable('deleted_workshops')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('join_code', 'text', (c) => c.notNull())
      .addColumn('deleted_at', 'bigint', (c) => c.notNull())
      .execute()
    await db.schema.createIndex('deleted_workshops_join_code').on('deleted_workshops').column('join_code').execute()
    await db.schema
      .createTable('deleted_workshop_tokens')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('deleted_workshop_id', 'text', (c) =>
        c.notNull().references('deleted_workshops.id').onDelete('cascade'),
      )
      .execute()
  },
}
