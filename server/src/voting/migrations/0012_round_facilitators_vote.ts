import { sql, type Kysely } from 'kysely'
import type { Migration } from 'kysely/migration'

/**
 * `voting_rounds.facilitators_vote`: 1 when the facilitation places dots of its own in the round
 * (issue 16). Off for every round before, as for new ones unless asked: a facilitator who steers
 * the vote should not also weigh in by default.
 */
export const roundFacilitatorsVote: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('voting_rounds')
      .addColumn('facilitators_vote', 'integer', (c) => c.notNull().defaultTo(sql`0`))
      .execute()
  },
}
