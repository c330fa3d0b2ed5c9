import { type Kysely, sql } from 'kysely'
import type { Migration } from 'kysely/migration'

/**
 * An interrupted reveal finishes on its own (issue 17): the reveal marker keeps the facilitator's
 * choice (with or without names) and when the reveal began, so whichever instance loads the board
 * after a crash can complete it the same way once the revealing instance's lease has run out.
 */
export const revealMarker: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('board_private_phases')
      .addColumn('reveal_anonymous', 'integer', (c) => c.notNull().defaultTo(0))
      .execute()
    await db.schema.alterTable('board_private_phases').addColumn('reveal_started_at', 'bigint').execute()
    // A reveal begun before this column existed: its choice is unknown, so it finishes without
    // names (the choice nobody can regret); no start time means its lease has long run out.
    await sql`update board_private_phases set reveal_anonymous = 1 where revealing = 1`.execute(db)
  },
}
