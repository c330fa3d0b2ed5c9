import { sql, type Kysely } from 'kysely'
import type { Migration } from 'kysely/migration'

/**
 * What the result report needs beyond the content:
 * - `boards.facilitator_name`: who facilitated the table (printed in its report), optional;
 * - `workshops.hide_authors`: 1 when idea cards show no author names (on the board, in the list
 *   and in every export) — for workshops where ideas should count, not who had them.
 */
export const reportSettings: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('boards').addColumn('facilitator_name', 'text').execute()
    await db.schema
      .alterTable('workshops')
      .addColumn('hide_authors', 'integer', (c) => c.notNull().defaultTo(sql`0`))
      .execute()
  },
}
