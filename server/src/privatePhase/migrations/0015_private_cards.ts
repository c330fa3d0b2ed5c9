import type { Kysely } from 'kysely'
import type { Migration } from 'kysely/migration'

/**
 * Stilles Sammeln (issue 17). A running private phase is one row per board; the private cards
 * are rows of their own, outside the board document, because that document goes to every
 * browser and these texts may go only to their author. Revealing writes the cards into the
 * document and deletes both (a `board_id` column each: deleting a workshop clears them).
 */
export const privateCards: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('board_private_phases')
      .addColumn('board_id', 'text', (c) => c.primaryKey().references('boards.id').onDelete('cascade'))
      .addColumn('facilitator_sees_texts', 'integer', (c) => c.notNull())
      // 1 from the moment a reveal read the cards: nothing may change them any more.
      .addColumn('revealing', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('started_at', 'bigint', (c) => c.notNull())
      .addColumn('changed_at', 'bigint', (c) => c.notNull())
      .execute()
    await db.schema
      .createTable('private_cards')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('board_id', 'text', (c) => c.notNull().references('boards.id').onDelete('cascade'))
      .addColumn('author_id', 'text', (c) => c.notNull())
      .addColumn('author_name', 'text', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute()
    await db.schema.createIndex('private_cards_board').on('private_cards').columns(['board_id', 'author_id']).execute()
  },
}
