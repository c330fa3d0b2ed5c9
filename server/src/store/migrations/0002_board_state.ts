import type { Kysely } from 'kysely'
import type { Migration } from 'kysely/migration'

/** Server-owned board state (lock, phase, activity), access recovery, revocation lookups. */
export const boardState: Migration = {
  async up(db: Kysely<unknown>) {
    // Integers for flags: the same on SQLite and PostgreSQL.
    await db.schema
      .alterTable('boards')
      .addColumn('locked', 'integer', (c) => c.notNull().defaultTo(0))
      .execute()
    await db.schema
      .alterTable('boards')
      .addColumn('phase', 'text', (c) => c.notNull().defaultTo('collect'))
      .execute()
    await db.schema
      .alterTable('boards')
      .addColumn('idea_count', 'integer', (c) => c.notNull().defaultTo(0))
      .execute()
    await db.schema.alterTable('boards').addColumn('last_activity_at', 'bigint').execute()
    // scrypt hash of the facilitator's optional recovery passphrase.
    await db.schema.alterTable('workshops').addColumn('recovery_hash', 'text').execute()
    await db.schema.createIndex('access_tokens_subject').on('access_tokens').column('subject_id').execute()
    await db.schema.createIndex('participants_workshop').on('participants').column('workshop_id').execute()
  },
}
