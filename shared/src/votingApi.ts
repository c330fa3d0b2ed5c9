import { z } from 'zod'

/** Request schemas and response types of the voting API (API.md, "Voting"). Bodies are strict. */

/** Error codes of the voting endpoints, in `{ error: { code } }` bodies. */
export const VotingErrorCode = {
  roundNotFound: 'round_not_found',
  roundAlreadyOpen: 'round_already_open',
  roundNotOpen: 'round_not_open',
  budgetExhausted: 'budget_exhausted',
  ideaCapReached: 'idea_cap_reached',
  ideaNotEligible: 'idea_not_eligible',
  noVoteToRemove: 'no_vote_to_remove',
  notRevealed: 'not_revealed',
  unknownIdea: 'unknown_idea',
} as const
export type VotingErrorCode = (typeof VotingErrorCode)[keyof typeof VotingErrorCode]

const ideaId = z.string().min(1).max(200)

/** A day is the longest a workshop round can sensibly run. */
export const ROUND_DURATION_MAX_SECONDS = 24 * 60 * 60
const IDEA_IDS_MAX = 2000

export const CreateRoundBody = z
  .object({
    dotsPerParticipant: z.int().min(1).max(50),
    maxPerIdea: z.int().min(1).max(50).optional(),
    ideaIds: z.array(ideaId).min(1).max(IDEA_IDS_MAX).optional(),
    anonymous: z.boolean().optional(),
    durationSeconds: z.int().min(1).max(ROUND_DURATION_MAX_SECONDS).optional(),
  })
  .strict()
export type CreateRoundBody = z.infer<typeof CreateRoundBody>

export interface CreateRoundResponse {
  roundId: string
}

export const CastVoteBody = z
  .object({
    ideaId,
    delta: z.union([z.literal(1), z.literal(-1)]),
    requestId: z.string().min(1).max(100).optional(),
  })
  .strict()
export type CastVoteBody = z.infer<typeof CastVoteBody>

export interface CastVoteResponse {
  myVotes: Record<string, number>
  remaining: number
}

export type RoundStatusDto = 'open' | 'closed' | 'revealed'

export interface RankingEntryDto {
  ideaId: string
  text: string
  votes: number
  /** 1-based; equal votes share a rank. */
  rank: number
}

export interface RoundResultsDto {
  status: RoundStatusDto
  /** People who have at least one dot placed. */
  voters: number
  totalVotes: number
  ranking: RankingEntryDto[]
  /** Named rounds only, for the facilitator once the round is no longer open: who voted for what. */
  ballots?: { voterId: string; name: string; votes: Record<string, number> }[]
}

export interface RoundDto {
  id: string
  boardId: string
  status: RoundStatusDto
  dotsPerParticipant: number
  maxPerIdea: number | null
  /** null: every idea card on the board is eligible. */
  ideaIds: string[] | null
  anonymous: boolean
  durationSeconds: number | null
  openedAt: number
  closesAt: number | null
  closedAt: number | null
  revealedAt: number | null
  /** Progress everyone may see, also while open: no distribution. */
  progress: { voters: number; totalVotes: number }
  /** Only when revealed, or for the facilitator. */
  results?: RoundResultsDto
}

export interface RoundListResponse {
  rounds: RoundDto[]
}

export interface RoundResponse {
  round: RoundDto
}

export interface MyRoundVotesResponse {
  roundId: string
  status: RoundStatusDto
  dotsPerParticipant: number
  maxPerIdea: number | null
  myVotes: Record<string, number>
  remaining: number
}
