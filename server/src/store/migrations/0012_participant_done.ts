import type { Kysely } from 'kysely'
import type { Migration } from 'kysely/migration'

/**
 * "Ich bin fertig" (issue 16): a participant says they are done collecting, or done voting in a
 * round. `context` is what they are done with: `collect`, or `round:<roundId>`. One row per
 * person and context; taking it back deletes the row; a phase change clears the board's rows.
 */
export const participantDone: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('participant_done')
      .addColumn('board_id', 'text', (c) => c.notNull().references('boards.id').onDelete('cascade'))
      .addColumn('context', 'text', (c) => c.notNull())
      .addColumn('participant_id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('participant_done_pk', ['board_id', 'context', 'participant_id'])
      .execute()
  },
}
