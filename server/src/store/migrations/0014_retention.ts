import type { Kysely } from 'kysely'
import type { Migration } from 'kysely/migration'

/**
 * Data protection (issue 20): `workshops.retention_days`, how many days after the workshop's
 * date (or its creation, without a date) the server deletes it with everything in it. NULL:
 * the server's default (RETENTION_DAYS, 90).
 */
export const retention: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('workshops').addColumn('retention_days', 'integer').execute()
  },
}
