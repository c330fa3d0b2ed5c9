import { generateId } from '../auth/tokens.ts'
import type { BoardExport } from '../export/json.ts'
import { RoundStatus } from './votingRules.ts'
import type { VotingStore } from './VotingStore.ts'

/**
 * Restores the voting results of a board's JSON export into a newly imported board: every round
 * with its settings and ranking (as closed or revealed rounds without ballots, new ids), and the
 * shortlist. Idea ids are kept by the import, so rankings and the shortlist point at the same
 * cards. Rounds keep their order; their open time is the import time (the export has none).
 */
export async function restoreVotingFromExport(
  store: VotingStore,
  boardId: string,
  report: Pick<BoardExport['report'], 'rounds' | 'shortlist' | 'clusters' | 'unclusteredIdeas'>,
  now = Date.now(),
): Promise<{ rounds: number; shortlist: number }> {
  const rounds = [...report.rounds].sort((a, b) => a.index - b.index)
  for (const [i, round] of rounds.entries()) {
    const at = now + i
    await store.importRound(
      {
        id: generateId('r'),
        boardId,
        status: round.status === RoundStatus.revealed ? RoundStatus.revealed : RoundStatus.closed,
        dotsPerParticipant: round.settings.dotsPerParticipant,
        maxPerIdea: round.settings.maxPerIdea,
        ideaIds: round.settings.eligibleIdeaIds,
        anonymous: round.settings.anonymous,
        durationSeconds: null,
        openedAt: at,
        closesAt: null,
        closedAt: at,
        revealedAt: round.status === RoundStatus.revealed ? at : null,
        pausedRemainingMs: null,
      },
      {
        voters: round.voters,
        ideas: round.ranking.map((e) => ({
          ideaId: e.ideaId,
          votes: e.votes,
          proxyVotes: e.proxyVotes ?? 0,
          text: e.text,
        })),
      },
    )
  }
  const texts = new Map(
    [...report.clusters.flatMap((c) => c.ideas), ...report.unclusteredIdeas].map((idea) => [idea.id, idea.text]),
  )
  const shortlist = [...new Set(report.shortlist)]
    .filter((id) => texts.has(id))
    .map((ideaId) => ({ ideaId, text: texts.get(ideaId)!, roundId: null, votes: null, addedAt: now }))
  if (shortlist.length > 0) await store.setShortlist(boardId, shortlist)
  return { rounds: rounds.length, shortlist: shortlist.length }
}
