import type { Kysely } from 'kysely'
import type { Database } from '../store/schema.ts'
import { ballotsOf, importedTally, tallyVotes } from './tallyRules.ts'
import type { ImportedResults, RoundTally, VoterBallot } from './VotingStore.ts'
import type { MyVotes } from './votingRules.ts'

/** Reading a round's dots through Kysely; the adding up is in tallyRules.ts. */

export async function readTally(db: Kysely<Database>, roundId: string): Promise<RoundTally> {
  // One transaction, so voters and totals come from the same moment.
  return db.transaction().execute(async (tx) => {
    const round = await tx
      .selectFrom('voting_rounds')
      .select('imported_results')
      .where('id', '=', roundId)
      .executeTakeFirst()
    if (round?.imported_results) return importedTally(JSON.parse(round.imported_results) as ImportedResults)
    const rows = await tx
      .selectFrom('voting_votes')
      .select(['voter_id', 'idea_id', 'count', 'idea_text', 'updated_at'])
      .where('round_id', '=', roundId)
      .where('count', '>', 0)
      .execute()
    const ballots = await tx
      .selectFrom('voting_ballots')
      .select('voter_id')
      .where('round_id', '=', roundId)
      .where('used', '>', 0)
      .execute()
    return tallyVotes(
      rows.map((r) => ({
        voterId: r.voter_id,
        ideaId: r.idea_id,
        count: Number(r.count),
        ideaText: r.idea_text,
        updatedAt: Number(r.updated_at),
      })),
      ballots.length,
    )
  })
}

export async function readMyVotes(db: Kysely<Database>, roundId: string, voterId: string): Promise<MyVotes> {
  const rows = await db
    .selectFrom('voting_votes')
    .select(['idea_id', 'count'])
    .where('round_id', '=', roundId)
    .where('voter_id', '=', voterId)
    .where('count', '>', 0)
    .execute()
  const mine: MyVotes = {}
  for (const row of rows) mine[row.idea_id] = Number(row.count)
  return mine
}

export async function readBallots(db: Kysely<Database>, roundId: string): Promise<VoterBallot[]> {
  return db.transaction().execute(async (tx) => {
    const ballots = await tx
      .selectFrom('voting_ballots')
      .select(['voter_id', 'voter_name'])
      .where('round_id', '=', roundId)
      .where('used', '>', 0)
      .orderBy('voter_name')
      .orderBy('voter_id')
      .execute()
    const votes = await tx
      .selectFrom('voting_votes')
      .select(['voter_id', 'idea_id', 'count'])
      .where('round_id', '=', roundId)
      .where('count', '>', 0)
      .execute()
    return ballotsOf(
      ballots.map((b) => ({ voterId: b.voter_id, name: b.voter_name })),
      votes.map((v) => ({ voterId: v.voter_id, ideaId: v.idea_id, count: Number(v.count) })),
    )
  })
}

export async function readProxies(db: Kysely<Database>, roundId: string): Promise<{ name: string; used: number }[]> {
  const rows = await db
    .selectFrom('voting_ballots')
    .select(['voter_name', 'used'])
    .where('round_id', '=', roundId)
    .where('voter_id', 'like', 'proxy:%')
    .orderBy('voter_name')
    .execute()
  return rows.map((r) => ({ name: r.voter_name, used: Number(r.used) }))
}
