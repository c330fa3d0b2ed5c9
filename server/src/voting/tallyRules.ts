/**
 * How stored dots add up to a round's results: pure functions over the rows the store reads
 * (no database here; `kyselyTallies.ts` feeds them).
 */
import { isProxyVoter } from './proxyVotes.ts'
import type { IdeaTally, ImportedResults, RoundTally, VoterBallot } from './VotingStore.ts'
import type { MyVotes } from './votingRules.ts'

/** One voter's dots on one idea, with the card text stored with them. */
export interface VoteRow {
  voterId: string
  ideaId: string
  count: number
  ideaText: string
  updatedAt: number
}

/**
 * Totals per idea. An idea's text is the one stored with its most recent dot (the card may have
 * been edited or deleted since); proxy dots are counted apart as well.
 */
export function tallyVotes(rows: readonly VoteRow[], voters: number): RoundTally {
  const ideas = new Map<string, IdeaTally & { textAt: number }>()
  let totalVotes = 0
  for (const row of rows) {
    if (row.count <= 0) continue
    const votes = row.count
    const proxyVotes = isProxyVoter(row.voterId) ? votes : 0
    totalVotes += votes
    const entry = ideas.get(row.ideaId)
    if (!entry) {
      ideas.set(row.ideaId, { ideaId: row.ideaId, votes, proxyVotes, text: row.ideaText, textAt: row.updatedAt })
    } else {
      entry.votes += votes
      entry.proxyVotes += proxyVotes
      if (row.updatedAt > entry.textAt) Object.assign(entry, { text: row.ideaText, textAt: row.updatedAt })
    }
  }
  return {
    voters,
    totalVotes,
    ideas: [...ideas.values()].map(({ ideaId, votes, proxyVotes, text }) => ({ ideaId, votes, proxyVotes, text })),
  }
}

/** The tally of a round restored from an export: what its original tally said. */
export function importedTally(imported: ImportedResults): RoundTally {
  const ideas = imported.ideas.filter((i) => i.votes > 0)
  return { voters: imported.voters, totalVotes: ideas.reduce((sum, i) => sum + i.votes, 0), ideas }
}

/** Who voted for what, in the order of `voters`. */
export function ballotsOf(
  voters: readonly { voterId: string; name: string }[],
  votes: readonly Pick<VoteRow, 'voterId' | 'ideaId' | 'count'>[],
): VoterBallot[] {
  const byVoter = new Map<string, MyVotes>()
  for (const v of votes) {
    if (v.count <= 0) continue
    const mine = byVoter.get(v.voterId) ?? {}
    mine[v.ideaId] = v.count
    byVoter.set(v.voterId, mine)
  }
  return voters.map((b) => ({
    voterId: b.voterId,
    name: b.name,
    votes: byVoter.get(b.voterId) ?? {},
    proxy: isProxyVoter(b.voterId),
  }))
}
