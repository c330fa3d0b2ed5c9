import { type Kysely, sql } from 'kysely'
import type { Migration } from 'kysely/migration'
import type { Dialect } from '../../store/migrations.ts'

/**
 * The result report's export settings per workshop (shared/src/exportSettings.ts): a JSON
 * object (names shown, board picture, Ort, Datum, Protokollführung, time zone) and the
 * organiser's logo as a PNG. Deleting the workshop clears it (the table has a `workshop_id`).
 */
export const exportSettings = (dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>) {
    const binary = dialect === 'postgres' ? sql`bytea` : sql`blob`
    await db.schema
      .createTable('workshop_export_settings')
      .addColumn('workshop_id', 'text', (c) => c.primaryKey().references('workshops.id').onDelete('cascade'))
      .addColumn('settings', 'text', (c) => c.notNull())
      .addColumn('logo_png', binary)
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute()
  },
})
