import { type Kysely, sql } from 'kysely'
import type { Migration } from 'kysely/migration'
import type { Dialect } from '../../store/migrations.ts'

/**
 * Board history: named versions of a board's content (server/src/history). `seq` orders them
 * as they were taken (timestamps may jump on a VM); `id` is what the API shows. `state` is
 * gzip-compressed JSON of the records and other root maps (see history/versionState.ts for why
 * not an encoded Yjs state). `detail` is JSON with reason specifics (phase, round, …).
 */
export const boardVersions = (dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>) {
    const binary = dialect === 'postgres' ? sql`bytea` : sql`blob`
    await db.schema
      .createTable('board_versions')
      .addColumn('seq', dialect === 'postgres' ? 'bigserial' : 'integer', (c) =>
        dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
      )
      .addColumn('id', 'text', (c) => c.notNull().unique())
      .addColumn('board_id', 'text', (c) => c.notNull().references('boards.id').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('created_by', 'text')
      .addColumn('record_count', 'integer', (c) => c.notNull())
      .addColumn('detail', 'text')
      .addColumn('state', binary, (c) => c.notNull())
      .execute()
    await db.schema.createIndex('board_versions_board_seq').on('board_versions').columns(['board_id', 'seq']).execute()
  },
})
