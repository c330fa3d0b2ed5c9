import type { RoundInput } from '../export/BoardReport.ts'
import { effectiveStatus } from './votingRules.ts'
import type { VotingStore } from './VotingStore.ts'

/**
 * Every round of a board (settings, status, dots per idea, proxy marks) and its shortlist, for
 * the result report. Exports are facilitator-only, so open rounds are included as they stand.
 */
export async function votingReportInput(
  store: VotingStore,
  boardId: string,
  now = Date.now(),
): Promise<{ rounds: RoundInput[]; shortlist: string[] }> {
  const rounds: RoundInput[] = []
  for (const round of await store.listRounds(boardId)) {
    const tally = await store.tally(round.id)
    const votesByIdea: Record<string, number> = {}
    const ideaTexts: Record<string, string> = {}
    const proxyVotesByIdea: Record<string, number> = {}
    for (const idea of tally.ideas) {
      votesByIdea[idea.ideaId] = idea.votes
      ideaTexts[idea.ideaId] = idea.text
      if (idea.proxyVotes > 0) proxyVotesByIdea[idea.ideaId] = idea.proxyVotes
    }
    rounds.push({
      id: round.id,
      openedAt: round.openedAt,
      settings: {
        dotsPerParticipant: round.dotsPerParticipant,
        maxPerIdea: round.maxPerIdea,
        anonymous: round.anonymous,
        eligibleIdeaIds: round.ideaIds,
      },
      status: effectiveStatus(round, now),
      voters: tally.voters,
      votesByIdea,
      ideaTexts,
      ...(Object.keys(proxyVotesByIdea).length > 0 ? { proxyVotesByIdea } : {}),
    })
  }
  const shortlist = (await store.getShortlist(boardId)).map((entry) => entry.ideaId)
  return { rounds, shortlist }
}
