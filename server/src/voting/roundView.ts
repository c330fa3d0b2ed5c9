import type { IdeaDto, RoundDto, RoundResultsDto } from '@pinnwand/shared'
import { effectiveStatus, rankIdeas, RoundStatus } from './votingRules.ts'
import type { RoundRow, RoundTally, VoterBallot, VotingStore } from './VotingStore.ts'

/** An idea card as the results need it (board order is the order of the array). */
export interface BoardIdea {
  id: string
  text: string
  createdAt: number
}

/** The round as API callers see it; a timed-out round reads as closed at its deadline. */
export function roundDto(round: RoundRow, tally: RoundTally, now: number, results?: RoundResultsDto): RoundDto {
  const status = effectiveStatus(round, now)
  const closedAt = round.closedAt ?? (status === RoundStatus.closed ? round.closesAt : null)
  return {
    id: round.id,
    boardId: round.boardId,
    status,
    dotsPerParticipant: round.dotsPerParticipant,
    maxPerIdea: round.maxPerIdea,
    ideaIds: round.ideaIds,
    anonymous: round.anonymous,
    facilitatorsVote: round.facilitatorsVote ?? false,
    durationSeconds: round.durationSeconds,
    openedAt: round.openedAt,
    closesAt: round.closesAt,
    closedAt,
    revealedAt: round.revealedAt,
    pausedRemainingMs: status === RoundStatus.open ? round.pausedRemainingMs : null,
    progress: { voters: tally.voters, totalVotes: tally.totalVotes },
    ...(results ? { results } : {}),
  }
}

/**
 * The ranking: every idea that could receive dots (on the board, selected by the round, and
 * not created after the round ended) plus every idea that got dots even if its card is gone
 * now. Ties keep board order and share a rank.
 */
export function roundResults(
  round: RoundRow,
  tally: RoundTally,
  boardIdeas: readonly BoardIdea[],
  now: number,
  ballots?: VoterBallot[],
): RoundResultsDto {
  const votes = new Map(tally.ideas.map((i) => [i.ideaId, i]))
  const endedAt = round.closedAt ?? round.closesAt ?? now
  const selected = round.ideaIds === null ? null : new Set(round.ideaIds)
  const entries: { ideaId: string; text: string }[] = []
  const listed = new Set<string>()
  for (const idea of boardIdeas) {
    const voted = votes.has(idea.id)
    const couldVote = (selected === null || selected.has(idea.id)) && idea.createdAt <= endedAt
    if (!voted && !couldVote) continue
    entries.push({ ideaId: idea.id, text: idea.text })
    listed.add(idea.id)
  }
  for (const idea of tally.ideas) if (!listed.has(idea.ideaId)) entries.push({ ideaId: idea.ideaId, text: idea.text })
  const ranking = rankIdeas(entries, (e) => votes.get(e.ideaId)?.votes ?? 0).map((r) => {
    const proxyVotes = votes.get(r.item.ideaId)?.proxyVotes ?? 0
    return {
      ideaId: r.item.ideaId,
      text: r.item.text,
      votes: r.votes,
      rank: r.rank,
      ...(proxyVotes > 0 ? { proxyVotes } : {}),
    }
  })
  return {
    status: effectiveStatus(round, now),
    voters: tally.voters,
    totalVotes: tally.totalVotes,
    ranking,
    ...(ballots
      ? {
          ballots: ballots.map((b) => ({
            voterId: b.voterId,
            name: b.name,
            votes: b.votes,
            ...(b.proxy ? { proxy: true } : {}),
          })),
        }
      : {}),
  }
}

/** Tallies of a board's revealed rounds, oldest round first. */
export async function revealedTallies(store: VotingStore, boardId: string) {
  const revealed = (await store.listRounds(boardId)).filter((r) => r.status === RoundStatus.revealed)
  return Promise.all(revealed.map(async (r) => ({ roundId: r.id, tally: await store.tally(r.id) })))
}

/**
 * Adds `votes: { <roundId>: n }` to each idea for the revealed rounds only (the voting privacy rule); ideas are
 * left as they are when no round is revealed.
 */
export function withRevealedVotes(
  ideas: IdeaDto[],
  revealed: readonly { roundId: string; tally: RoundTally }[],
): IdeaDto[] {
  if (revealed.length === 0) return ideas
  return ideas.map((idea) => {
    const votes: Record<string, number> = {}
    for (const { roundId, tally } of revealed) {
      votes[roundId] = tally.ideas.find((i) => i.ideaId === idea.id)?.votes ?? 0
    }
    return { ...idea, votes }
  })
}
