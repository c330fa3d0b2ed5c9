import { BoardPhase, type RoundResponse, type RoundResultsDto, VotingErrorCode } from '@pinnwand/shared'
import * as routes from '@pinnwand/shared/votingRoutes'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { type Actor, canReadBoard } from '../auth/Actor.ts'
import { generateId } from '../auth/tokens.ts'
import type { BoardRow } from '../store/Store.ts'
import { type BoardIdeas, findBoardIdea, loadBoardIdeas } from './boardIdeas.ts'
import { resolveEligibleIdeas } from './eligibility.ts'
import { followPhase } from './followPhase.ts'
import { displayProxyName, proxyVoterId } from './proxyVotes.ts'
import { type BoardIdea, roundDto, roundResults } from './roundView.ts'
import { TimerAction } from './timerRules.ts'
import {
  effectiveStatus,
  isEligible,
  RoundStatus,
  usedDots,
  type VoteOutcome,
  type VoteRefusal,
} from './votingRules.ts'
import { type CastVote, type RoundRow, type RoundTally, UnknownRound } from './VotingStore.ts'
import { type RoundPlace, RoundPlaces } from './roundPlaces.ts'
import type { AppContext } from '../http/context.ts'
import { VersionHistory } from '../history/historyService.ts'
import { ResultsDisplay } from '../facilitation/facilitationService.ts'
import type { VotingService } from './votingService.ts'
import { ApiError, forbidden } from '../http/errors.ts'
import { registerRoute } from '../http/registerRoute.ts'
import { requireActor, requireFacilitator } from '../http/requestAuth.ts'
import { boardFor } from '../http/boardAccess.ts'

const REFUSAL_STATUS: Record<VoteRefusal, number> = {
  budget_exhausted: 409,
  idea_cap_reached: 409,
  round_not_open: 409,
  no_vote_to_remove: 409,
  idea_not_eligible: 422,
}

const REFUSAL_MESSAGE: Record<VoteRefusal, string> = {
  budget_exhausted: 'All your dots are placed. Take one back to move it.',
  idea_cap_reached: 'This idea already has the most dots one person may give it.',
  round_not_open: 'This voting round is not open.',
  no_vote_to_remove: 'You have no dot on this idea.',
  idea_not_eligible: 'This idea is not part of the voting round.',
}

const roundNotFound = () => new ApiError(404, VotingErrorCode.roundNotFound, 'No voting round with this id.')

/** Loads a round the actor may see: another workshop's round is "not found", not "forbidden". */
async function roundFor(
  ctx: VotingContext,
  actor: Actor,
  roundId: string,
): Promise<{ round: RoundRow; board: BoardRow }> {
  const round = await ctx.voting.store.getRound(roundId)
  if (!round) throw roundNotFound()
  const board = await ctx.store.getBoard(round.boardId)
  if (!board || board.workshopId !== actor.workshopId) throw roundNotFound()
  if (!canReadBoard(actor, board)) throw forbidden('This token does not give access to this board.')
  return { round, board }
}

/** `roundFor` for a tap: the same answers, from what the round cannot change (`RoundPlaces`). */
async function placeFor(ctx: VotingContext, places: RoundPlaces, actor: Actor, roundId: string): Promise<RoundPlace> {
  const place = await places.of(roundId, async () => {
    const round = await ctx.voting.store.getRound(roundId)
    const board = round && (await ctx.store.getBoard(round.boardId))
    return round && board ? { round, workshopId: board.workshopId } : null
  })
  if (!place || place.workshopId !== actor.workshopId) throw roundNotFound()
  if (!canReadBoard(actor, { id: place.boardId, workshopId: place.workshopId })) {
    throw forbidden('This token does not give access to this board.')
  }
  return place
}

/** A tap; a round deleted since its place was remembered is "not found", as before. */
async function castOrNotFound(ctx: VotingContext, places: RoundPlaces, input: CastVote): Promise<VoteOutcome> {
  try {
    return await ctx.voting.store.castVote(input)
  } catch (error) {
    if (!(error instanceof UnknownRound)) throw error
    places.forget(input.roundId)
    throw roundNotFound()
  }
}

/** The board's idea cards (oldest first, the board order ties are kept in) and clusters. */
const readIdeasOf = (ctx: VotingContext, boardId: string): Promise<BoardIdeas> => loadBoardIdeas(ctx.rooms, boardId)

async function boardIdeas(ctx: VotingContext, boardId: string): Promise<BoardIdea[]> {
  return (await readIdeasOf(ctx, boardId)).ideas
}

/** The voter a tap counts for: the caller, or (facilitator only) a named proxy voter. */
function voterFor(actor: Actor, onBehalfOf: string | undefined): { voterId: string; voterName: string } {
  if (onBehalfOf === undefined) return { voterId: actor.userId, voterName: actor.name }
  if (actor.role !== 'facilitator') throw forbidden('Only the facilitator can vote on behalf of someone.')
  return { voterId: proxyVoterId(onBehalfOf), voterName: displayProxyName(onBehalfOf) }
}

/** Results for whoever may see them now; undefined otherwise. */
async function resultsFor(
  ctx: VotingContext,
  actor: Actor,
  round: RoundRow,
  now: number,
  tally: RoundTally,
  ideas?: BoardIdea[],
): Promise<RoundResultsDto | undefined> {
  const status = effectiveStatus(round, now)
  const isFacilitator = actor.role === 'facilitator'
  if (!isFacilitator && status !== RoundStatus.revealed) return undefined
  // Who voted for what: named rounds, facilitator only, and never while people still vote.
  const ballots =
    isFacilitator && !round.anonymous && status !== RoundStatus.open
      ? await ctx.voting.store.ballots(round.id)
      : undefined
  return roundResults(round, tally, ideas ?? (await boardIdeas(ctx, round.boardId)), now, ballots)
}

/** The routes' context: the core plus this feature's own service. */
type VotingContext = AppContext & { voting: VotingService }

export function registerVotingRoutes(app: FastifyInstance, core: AppContext, voting: VotingService): void {
  const ctx: VotingContext = { ...core, voting }
  const places = new RoundPlaces()
  registerRoute(app, routes.openRound, async ({ params, body: readBody, request }) => {
    const actor = await requireActor(ctx.store, request)
    const board = await boardFor(ctx, actor, params.boardId)
    requireFacilitator(actor, 'open a voting round')
    const body = readBody()
    const { ideas, clusterIds } = await readIdeasOf(ctx, board.id)
    const eligible = resolveEligibleIdeas(ideas, clusterIds, { ideaIds: body.ideaIds, clusterIds: body.clusterIds })
    if (!eligible.ok) {
      if (eligible.unknownIdeas.length > 0) {
        throw new ApiError(422, VotingErrorCode.unknownIdea, 'Some ideaIds are not idea cards on this board.', {
          ideaIds: eligible.unknownIdeas,
        })
      }
      if (eligible.unknownClusters.length > 0) {
        throw new ApiError(422, VotingErrorCode.unknownCluster, 'Some clusterIds are not clusters on this board.', {
          clusterIds: eligible.unknownClusters,
        })
      }
      throw new ApiError(422, VotingErrorCode.noEligibleIdeas, 'The chosen clusters hold no idea cards.')
    }
    const ideaIds = eligible.ideaIds
    const now = Date.now()
    const result = await ctx.voting.store.createRound({
      id: generateId('r'),
      boardId: board.id,
      status: RoundStatus.open,
      dotsPerParticipant: body.dotsPerParticipant,
      maxPerIdea: body.maxPerIdea ?? null,
      ideaIds,
      anonymous: body.anonymous ?? false,
      durationSeconds: body.durationSeconds ?? null,
      facilitatorsVote: body.facilitatorsVote ?? false,
      openedAt: now,
      closesAt: body.durationSeconds ? now + body.durationSeconds * 1000 : null,
      closedAt: null,
      revealedAt: null,
      pausedRemainingMs: null,
    })
    if (!result.ok) {
      throw new ApiError(409, VotingErrorCode.roundAlreadyOpen, 'This board already has an open voting round.', {
        roundId: result.openRoundId,
      })
    }
    await ctx.services.get(VersionHistory).roundOpened(board.id, result.round.id, actor.name)
    ctx.voting.timer.schedule(result.round)
    await followPhase(ctx, board, BoardPhase.vote)
    await ctx.voting.publisher.publishNow(board.id)
    request.log.info({ roundId: result.round.id, boardId: board.id }, 'voting round opened')
    return { roundId: result.round.id }
  })

  registerRoute(app, routes.listRounds, async ({ params, request }) => {
    const actor = await requireActor(ctx.store, request)
    const board = await boardFor(ctx, actor, params.boardId)
    const rounds = await ctx.voting.store.listRounds(board.id)
    const now = Date.now()
    let ideas: BoardIdea[] | undefined
    const dtos = []
    for (const round of rounds) {
      // Progress (how many voted, how many dots) is public; the distribution is not.
      const tally = await ctx.voting.store.tally(round.id)
      const results = await resultsFor(ctx, actor, round, now, tally, (ideas ??= await boardIdeas(ctx, board.id)))
      dtos.push(roundDto(round, tally, now, results))
    }
    return { rounds: dtos }
  })

  registerRoute(app, routes.getRound, async ({ params, request }) => {
    const actor = await requireActor(ctx.store, request)
    const { round } = await roundFor(ctx, actor, params.roundId)
    const now = Date.now()
    const tally = await ctx.voting.store.tally(round.id)
    return { round: roundDto(round, tally, now, await resultsFor(ctx, actor, round, now, tally)) }
  })

  registerRoute(app, routes.castVote, async ({ params, body: readBody, request }) => {
    const actor = await requireActor(ctx.store, request)
    const round = await placeFor(ctx, places, actor, params.roundId)
    if (actor.role === 'projector') throw forbidden('The projector view cannot vote.')
    const body = readBody()
    if (actor.role === 'facilitator' && body.onBehalfOf === undefined && !round.facilitatorsVote) {
      throw new ApiError(
        403,
        VotingErrorCode.facilitatorsDoNotVote,
        'In this round the facilitation has no dots of its own (open the round with facilitatorsVote: true).',
      )
    }
    const voter = voterFor(actor, body.onBehalfOf)
    const card = await findBoardIdea(ctx.rooms, round.boardId, body.ideaId)
    const outcome = await castOrNotFound(ctx, places, {
      roundId: round.roundId,
      ...voter,
      ideaId: body.ideaId,
      ideaText: card?.text ?? '',
      delta: body.delta,
      eligible: isEligible(body.ideaId, new Set(card ? [card.id] : []), round.ideaIds),
      requestId: body.requestId,
      now: Date.now(),
    })
    if (!outcome.ok) throw new ApiError(REFUSAL_STATUS[outcome.code], outcome.code, REFUSAL_MESSAGE[outcome.code])
    ctx.voting.publisher.progress(round.boardId)
    return { myVotes: outcome.myVotes, remaining: outcome.remaining }
  })

  registerRoute(app, routes.myRoundVotes, async ({ params, query, request }) => {
    const actor = await requireActor(ctx.store, request)
    const { round } = await roundFor(ctx, actor, params.roundId)
    if (actor.role === 'projector') throw forbidden('The projector view has no dots.')
    const onBehalfOf = query.onBehalfOf?.trim() || undefined
    const myVotes = await ctx.voting.store.myVotes(round.id, voterFor(actor, onBehalfOf).voterId)
    return {
      roundId: round.id,
      status: effectiveStatus(round, Date.now()),
      dotsPerParticipant: round.dotsPerParticipant,
      maxPerIdea: round.maxPerIdea,
      myVotes,
      remaining: round.dotsPerParticipant - usedDots(myVotes),
    }
  })

  registerRoute(app, routes.closeRound, async ({ params, request }) => {
    const actor = await requireActor(ctx.store, request)
    const { round } = await roundFor(ctx, actor, params.roundId)
    requireFacilitator(actor, 'close a voting round')
    const now = Date.now()
    const closed = await ctx.voting.store.closeRound(round.id, now)
    if (!closed) throw roundNotFound()
    ctx.voting.timer.cancel(round.id)
    await ctx.voting.publisher.publishNow(round.boardId)
    const tally = await ctx.voting.store.tally(round.id)
    return { round: roundDto(closed, tally, now, await resultsFor(ctx, actor, closed, now, tally)) }
  })

  registerRoute(app, routes.revealRound, async ({ params, request }) => {
    const actor = await requireActor(ctx.store, request)
    const { round, board } = await roundFor(ctx, actor, params.roundId)
    requireFacilitator(actor, 'reveal voting results')
    const now = Date.now()
    // Revealing an open round closes it first: nobody may vote on a visible distribution.
    const revealed = await ctx.voting.store.revealRound(round.id, now)
    if (!revealed) throw roundNotFound()
    ctx.voting.timer.cancel(round.id)
    await followPhase(ctx, board, BoardPhase.results)
    await ctx.services.get(ResultsDisplay).showResultsOnReveal(board.id)
    await ctx.voting.publisher.publishNow(round.boardId)
    const tally = await ctx.voting.store.tally(round.id)
    return { round: roundDto(revealed, tally, now, await resultsFor(ctx, actor, revealed, now, tally)) }
  })

  registerRoute(app, routes.roundProxies, async ({ params, request }) => {
    const actor = await requireActor(ctx.store, request)
    const { round } = await roundFor(ctx, actor, params.roundId)
    requireFacilitator(actor, 'see proxy voters')
    return { proxies: await ctx.voting.store.proxies(round.id) }
  })

  /**
   * Pause, resume or extend the round's timer; all three answer the round. `seconds` reads the
   * extension after the facilitator check, so a participant learns nothing about the body.
   */
  const changeTimer = async (
    action: TimerAction,
    roundId: string,
    request: FastifyRequest,
    seconds: () => number | undefined = () => undefined,
  ): Promise<RoundResponse> => {
    const actor = await requireActor(ctx.store, request)
    const { round } = await roundFor(ctx, actor, roundId)
    requireFacilitator(actor, `${action} the round's timer`)
    const extendBy = (seconds() ?? 60) * 1000
    const now = Date.now()
    const changed = await ctx.voting.store.changeTimer(round.id, action, now, extendBy)
    if (!changed.ok) {
      throw changed.code === 'round_not_open'
        ? new ApiError(409, VotingErrorCode.roundNotOpen, REFUSAL_MESSAGE.round_not_open)
        : new ApiError(409, VotingErrorCode.roundHasNoTimer, 'This voting round has no timer.')
    }
    const current = changed.round ?? round
    if (changed.changed) {
      ctx.voting.timer.apply(current)
      await ctx.voting.publisher.publishNow(round.boardId)
      request.log.info({ roundId: round.id, action, closesAt: current.closesAt }, 'voting round timer changed')
    }
    const tally = await ctx.voting.store.tally(round.id)
    return { round: roundDto(current, tally, now, await resultsFor(ctx, actor, current, now, tally)) }
  }
  registerRoute(app, routes.pauseRound, ({ params, request }) =>
    changeTimer(TimerAction.pause, params.roundId, request),
  )
  registerRoute(app, routes.resumeRound, ({ params, request }) =>
    changeTimer(TimerAction.resume, params.roundId, request),
  )
  registerRoute(app, routes.extendRound, ({ params, body, request }) =>
    changeTimer(TimerAction.extend, params.roundId, request, () => body()?.seconds),
  )

  registerRoute(app, routes.roundResults, async ({ params, request }) => {
    const actor = await requireActor(ctx.store, request)
    const { round } = await roundFor(ctx, actor, params.roundId)
    const now = Date.now()
    // Checked before counting: a participant's request must not even cost a tally.
    if (actor.role !== 'facilitator' && effectiveStatus(round, now) !== RoundStatus.revealed) {
      throw new ApiError(403, VotingErrorCode.notRevealed, 'The results of this round are not revealed yet.')
    }
    const results = await resultsFor(ctx, actor, round, now, await ctx.voting.store.tally(round.id))
    if (!results) {
      throw new ApiError(403, VotingErrorCode.notRevealed, 'The results of this round are not revealed yet.')
    }
    return results
  })
}
