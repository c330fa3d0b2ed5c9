import { type Kysely, sql } from 'kysely'
import type { Migration } from 'kysely/migration'
import type { Dialect } from '../../store/migrations.ts'

/**
 * Images uploaded to a board (server/src/assets). The bytes live in the database, beside the
 * board they belong to, so a backup of the database is a backup of the images and deleting a
 * board or workshop deletes them (`board_id` cascades, and workshop deletion clears every table
 * with a `board_id`). `sha256` finds the same picture pasted twice on one board.
 */
export const boardAssets = (dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>) {
    const binary = dialect === 'postgres' ? sql`bytea` : sql`blob`
    await db.schema
      .createTable('board_assets')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('board_id', 'text', (c) => c.notNull().references('boards.id').onDelete('cascade'))
      .addColumn('mime_type', 'text', (c) => c.notNull())
      .addColumn('byte_size', 'integer', (c) => c.notNull())
      .addColumn('width', 'integer', (c) => c.notNull())
      .addColumn('height', 'integer', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('data', binary, (c) => c.notNull())
      .execute()
    await db.schema
      .createIndex('board_assets_board_sha')
      .on('board_assets')
      .columns(['board_id', 'sha256'])
      .unique()
      .execute()
  },
})
