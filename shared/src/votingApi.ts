import { z } from 'zod'

/** Request schemas and response types of the voting API (the OpenAPI document at /api/openapi.json, "Voting"). Bodies are strict. */

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
  unknownCluster: 'unknown_cluster',
  noEligibleIdeas: 'no_eligible_ideas',
  roundHasNoTimer: 'round_has_no_timer',
  /** A facilitator's own dot in a round that does not give the facilitation a budget. */
  facilitatorsDoNotVote: 'facilitators_do_not_vote',
} as const
export type VotingErrorCode = (typeof VotingErrorCode)[keyof typeof VotingErrorCode]

const ideaId = z.string().min(1).max(200)
const clusterId = z.string().min(1).max(200)

/** A day is the longest a workshop round can sensibly run. */
export const ROUND_DURATION_MAX_SECONDS = 24 * 60 * 60
const IDEA_IDS_MAX = 2000

export const CreateRoundBody = z
  .object({
    dotsPerParticipant: z.int().min(1).max(50),
    maxPerIdea: z.int().min(1).max(50).optional(),
    ideaIds: z.array(ideaId).min(1).max(IDEA_IDS_MAX).optional(),
    /**
     * Additive: every idea card inside these clusters when the round opens is eligible (together
     * with `ideaIds`, if both are given). Resolved to idea ids at open time.
     */
    clusterIds: z.array(clusterId).min(1).max(200).optional(),
    anonymous: z.boolean().optional(),
    durationSeconds: z.int().min(1).max(ROUND_DURATION_MAX_SECONDS).optional(),
    /** Additive: the facilitation places dots of its own in this round; off by default. */
    facilitatorsVote: z.boolean().optional(),
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
    /**
     * Additive, facilitator only: a named proxy vote for someone in the room without a device.
     * Each name has its own budget in the round; the dots are marked as proxy votes in results.
     */
    onBehalfOf: z.string().trim().min(1).max(60).optional(),
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
  /** Of `votes`, how many were placed by the facilitator on someone's behalf (only when > 0). */
  proxyVotes?: number
}

export interface RoundResultsDto {
  status: RoundStatusDto
  /** People who have at least one dot placed. */
  voters: number
  totalVotes: number
  ranking: RankingEntryDto[]
  /** Named rounds only, for the facilitator once the round is no longer open: who voted for what. */
  ballots?: { voterId: string; name: string; votes: Record<string, number>; proxy?: boolean }[]
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
  /** Additive: the facilitation places dots of its own in this round. */
  facilitatorsVote?: boolean
  durationSeconds: number | null
  openedAt: number
  closesAt: number | null
  closedAt: number | null
  revealedAt: number | null
  /** Additive: set while the facilitator has paused the timer (then `closesAt` is null). */
  pausedRemainingMs?: number | null
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

/** POST /api/rounds/:roundId/extend: adds time to the round's timer (default one minute). */
export const ExtendRoundBody = z
  .object({
    seconds: z
      .int()
      .min(1)
      .max(60 * 60)
      .optional(),
  })
  .strict()
export type ExtendRoundBody = z.infer<typeof ExtendRoundBody>

/** Facilitator only: the people voted for by proxy in a round, with the dots they used. */
export interface RoundProxiesResponse {
  proxies: { name: string; used: number }[]
}

/**
 * The `round` section of the server-owned board state (BoardStateMessage.round): the board's
 * open round, or its latest one. Settings, state and progress only — never the distribution.
 */
export interface RoundStateSection {
  id: string
  status: RoundStatusDto
  dotsPerParticipant: number
  maxPerIdea: number | null
  eligibleIdeaIds: string[] | null
  anonymous: boolean
  /** Epoch ms when the timer ends the round; null without timer or while paused. */
  closesAt: number | null
  /** Additive: ms left on a paused timer; null when running or untimed. */
  pausedRemainingMs?: number | null
  /** Additive: the facilitation has a budget of its own in this round (absent: no). */
  facilitatorsVote?: boolean
  voters: number
  totalVotes: number
}

/** PUT /api/boards/:boardId/shortlist: the whole shortlist, in order. */
export const PutShortlistBody = z.object({ ideaIds: z.array(ideaId).max(200) }).strict()
export type PutShortlistBody = z.infer<typeof PutShortlistBody>

/** POST /api/boards/:boardId/shortlist/promote: the top N ideas of a round join the shortlist. */
export const PromoteShortlistBody = z
  .object({ roundId: z.string().min(1).max(100), top: z.int().min(1).max(50) })
  .strict()
export type PromoteShortlistBody = z.infer<typeof PromoteShortlistBody>

export interface ShortlistEntryDto {
  ideaId: string
  /** The idea's text when it was listed (kept if the card goes later). */
  text: string
  /** Dots it had in the round it was promoted from, if any. */
  votes: number | null
  roundId: string | null
  addedAt: number
}

export interface ShortlistResponse {
  shortlist: ShortlistEntryDto[]
}

/**
 * The `shortlist` section of the server-owned board state (BoardStateMessage.shortlist): the
 * shortlisted idea ids in order, so open copies of the board know at once when it changed
 * (texts and votes come from GET /api/boards/:boardId/shortlist).
 */
export interface ShortlistStateSection {
  ideaIds: string[]
}
