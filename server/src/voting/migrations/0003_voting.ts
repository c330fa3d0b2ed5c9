import { type Kysely, sql } from 'kysely'
import type { Migration } from 'kysely/migration'

/**
 * Dot voting: rounds, one ballot row per voter and round (the lock that serializes a voter's
 * taps and holds the dots used), dots per voter and idea, and the first answer to each request
 * id (idempotent retries). Totals are never stored: they are sums over the vote rows, so there
 * is no hot counter row that all voters of a round would fight over.
 */
export const voting: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('voting_rounds')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('board_id', 'text', (c) => c.notNull().references('boards.id').onDelete('cascade'))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('dots_per_participant', 'integer', (c) => c.notNull())
      .addColumn('max_per_idea', 'integer')
      // JSON array of idea ids; null means every idea card on the board.
      .addColumn('eligible_idea_ids', 'text')
      .addColumn('anonymous', 'integer', (c) => c.notNull())
      .addColumn('duration_seconds', 'integer')
      .addColumn('opened_at', 'bigint', (c) => c.notNull())
      .addColumn('closes_at', 'bigint')
      .addColumn('closed_at', 'bigint')
      .addColumn('revealed_at', 'bigint')
      .execute()
    await db.schema.createIndex('voting_rounds_board').on('voting_rounds').columns(['board_id', 'opened_at']).execute()
    // One open round per board, enforced by the database even when two facilitators race.
    await db.schema
      .createIndex('voting_rounds_one_open')
      .on('voting_rounds')
      .column('board_id')
      .unique()
      .where(sql.ref('status'), '=', 'open')
      .execute()
    await db.schema
      .createTable('voting_ballots')
      .addColumn('round_id', 'text', (c) => c.notNull().references('voting_rounds.id').onDelete('cascade'))
      .addColumn('voter_id', 'text', (c) => c.notNull())
      .addColumn('voter_name', 'text', (c) => c.notNull())
      .addColumn('used', 'integer', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('voting_ballots_pk', ['round_id', 'voter_id'])
      .execute()
    await db.schema
      .createTable('voting_votes')
      .addColumn('round_id', 'text', (c) => c.notNull().references('voting_rounds.id').onDelete('cascade'))
      .addColumn('voter_id', 'text', (c) => c.notNull())
      .addColumn('idea_id', 'text', (c) => c.notNull())
      .addColumn('count', 'integer', (c) => c.notNull())
      // The card's text when the dot was placed: results stay readable if the card goes later.
      .addColumn('idea_text', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('voting_votes_pk', ['round_id', 'voter_id', 'idea_id'])
      .execute()
    await db.schema
      .createTable('voting_requests')
      .addColumn('round_id', 'text', (c) => c.notNull().references('voting_rounds.id').onDelete('cascade'))
      .addColumn('voter_id', 'text', (c) => c.notNull())
      .addColumn('request_id', 'text', (c) => c.notNull())
      .addColumn('outcome', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('voting_requests_pk', ['round_id', 'voter_id', 'request_id'])
      .execute()
  },
}
