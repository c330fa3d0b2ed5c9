import type { Kysely } from 'kysely'
import type { Migration } from 'kysely/migration'

/**
 * The shortlist of each board (server-owned, ordered), and what dot voting needed next to it:
 * - `voting_rounds.paused_remaining_ms`: a paused timer keeps what was left here while
 *   `closes_at` is null (a paused round cannot run out, also across restarts);
 * - `voting_rounds.imported_results`: results of a round restored from a board's JSON export
 *   (JSON `{ voters, ideas: [{ ideaId, votes, proxyVotes, text }] }`); such a round has no
 *   ballots of its own.
 */
export const shortlist: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('voting_rounds').addColumn('paused_remaining_ms', 'bigint').execute()
    await db.schema.alterTable('voting_rounds').addColumn('imported_results', 'text').execute()
    await db.schema
      .createTable('board_shortlists')
      .addColumn('board_id', 'text', (c) => c.notNull().references('boards.id').onDelete('cascade'))
      .addColumn('idea_id', 'text', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      // The idea's text when listed: the shortlist stays readable if the card goes later.
      .addColumn('idea_text', 'text', (c) => c.notNull())
      .addColumn('round_id', 'text')
      .addColumn('votes', 'integer')
      .addColumn('added_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('board_shortlists_pk', ['board_id', 'idea_id'])
      .execute()
  },
}
