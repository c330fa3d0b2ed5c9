import type { Kysely } from 'kysely'
import type { Migration } from 'kysely/migration'

/**
 * The moderation inbox (issue 17). The board's setting and its rejection count are one row per
 * board; each held card a row of its own, outside the board document (that goes to every
 * browser; a waiting text may go only to its author and the facilitator, a rejected one only to
 * its author). Approving writes the card into the document and deletes its row.
 */
export const heldCards: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('board_moderation')
      .addColumn('board_id', 'text', (c) => c.primaryKey().references('boards.id').onDelete('cascade'))
      .addColumn('enabled', 'integer', (c) => c.notNull())
      // Cards rejected so far: the report counts them, the texts are gone or the author's alone.
      .addColumn('rejected', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('changed_at', 'bigint', (c) => c.notNull())
      .execute()
    await db.schema
      .createTable('held_cards')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('board_id', 'text', (c) => c.notNull().references('boards.id').onDelete('cascade'))
      .addColumn('author_id', 'text', (c) => c.notNull())
      .addColumn('author_name', 'text', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      // 'waiting' | 'approved' (written to the board, row about to go) | 'rejected'
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('reason', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute()
    await db.schema.createIndex('held_cards_board').on('held_cards').columns(['board_id', 'author_id']).execute()
  },
}
