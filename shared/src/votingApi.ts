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

export const CreateRoundResponse = z.object({ roundId: z.string() })
export type CreateRoundResponse = z.infer<typeof CreateRoundResponse>

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

/** Dots per idea id. */
const Votes = z.record(z.string(), z.int())

export const CastVoteResponse = z.object({ myVotes: Votes, remaining: z.int() })
export type CastVoteResponse = z.infer<typeof CastVoteResponse>

export const RoundStatusDto = z.enum(['open', 'closed', 'revealed'])
export type RoundStatusDto = z.infer<typeof RoundStatusDto>

export const RankingEntryDto = z.object({
  ideaId: z.string(),
  text: z.string(),
  votes: z.int(),
  /** 1-based; equal votes share a rank. */
  rank: z.int(),
  /** Of `votes`, how many were placed by the facilitator on someone's behalf (only when > 0). */
  proxyVotes: z.int().optional(),
})
export type RankingEntryDto = z.infer<typeof RankingEntryDto>

export const RoundResultsDto = z.object({
  status: RoundStatusDto,
  /** People who have at least one dot placed. */
  voters: z.int(),
  totalVotes: z.int(),
  ranking: z.array(RankingEntryDto),
  /** Named rounds only, for the facilitator once the round is no longer open: who voted for what. */
  ballots: z
    .array(z.object({ voterId: z.string(), name: z.string(), votes: Votes, proxy: z.boolean().optional() }))
    .optional(),
})
export type RoundResultsDto = z.infer<typeof RoundResultsDto>

/** Epoch milliseconds. */
const epochMs = z.number()

export const RoundDto = z.object({
  id: z.string(),
  boardId: z.string(),
  status: RoundStatusDto,
  dotsPerParticipant: z.int(),
  maxPerIdea: z.int().nullable(),
  /** null: every idea card on the board is eligible. */
  ideaIds: z.array(z.string()).nullable(),
  anonymous: z.boolean(),
  /** Additive: the facilitation places dots of its own in this round. */
  facilitatorsVote: z.boolean().optional(),
  durationSeconds: z.int().nullable(),
  openedAt: epochMs,
  closesAt: epochMs.nullable(),
  closedAt: epochMs.nullable(),
  revealedAt: epochMs.nullable(),
  /** Additive: set while the facilitator has paused the timer (then `closesAt` is null). */
  pausedRemainingMs: z.number().nullable().optional(),
  /** Progress everyone may see, also while open: no distribution. */
  progress: z.object({ voters: z.int(), totalVotes: z.int() }),
  /** Only when revealed, or for the facilitator. */
  results: RoundResultsDto.optional(),
})
export type RoundDto = z.infer<typeof RoundDto>

export const RoundListResponse = z.object({ rounds: z.array(RoundDto) })
export type RoundListResponse = z.infer<typeof RoundListResponse>

export const RoundResponse = z.object({ round: RoundDto })
export type RoundResponse = z.infer<typeof RoundResponse>

export const MyRoundVotesResponse = z.object({
  roundId: z.string(),
  status: RoundStatusDto,
  dotsPerParticipant: z.int(),
  maxPerIdea: z.int().nullable(),
  myVotes: Votes,
  remaining: z.int(),
})
export type MyRoundVotesResponse = z.infer<typeof MyRoundVotesResponse>

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
export const RoundProxiesResponse = z.object({ proxies: z.array(z.object({ name: z.string(), used: z.int() })) })
export type RoundProxiesResponse = z.infer<typeof RoundProxiesResponse>

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

export const ShortlistEntryDto = z.object({
  ideaId: z.string(),
  /** The idea's text when it was listed (kept if the card goes later). */
  text: z.string(),
  /** Dots it had in the round it was promoted from, if any. */
  votes: z.int().nullable(),
  roundId: z.string().nullable(),
  /** Epoch ms. */
  addedAt: z.int(),
})
export type ShortlistEntryDto = z.infer<typeof ShortlistEntryDto>

/** GET, PUT /api/boards/:boardId/shortlist and POST …/shortlist/promote: the shortlist, in order. */
export const ShortlistResponse = z.object({ shortlist: z.array(ShortlistEntryDto) })
export type ShortlistResponse = z.infer<typeof ShortlistResponse>

/**
 * The `shortlist` section of the server-owned board state (BoardStateMessage.shortlist): the
 * shortlisted idea ids in order, so open copies of the board know at once when it changed
 * (texts and votes come from GET /api/boards/:boardId/shortlist).
 */
export interface ShortlistStateSection {
  ideaIds: string[]
}
