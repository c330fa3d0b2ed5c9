import { type ShortlistResponse, type ShortlistStateSection, VotingErrorCode } from '@pinnwand/shared'
import * as routes from '@pinnwand/shared/shortlistRoutes'
import type { FastifyInstance } from 'fastify'
import type { Actor } from '../auth/Actor.ts'
import type { AppContext } from '../http/context.ts'
import { VotingRounds } from '../voting/votingService.ts'
import { ApiError } from '../http/errors.ts'
import { registerRoute } from '../http/registerRoute.ts'
import { requireActor, requireFacilitator } from '../http/requestAuth.ts'
import { boardFor } from '../http/boardAccess.ts'
import type { BoardRow } from '../store/Store.ts'
import { loadBoardIdeas } from '../voting/boardIdeas.ts'
import { roundResults } from '../voting/roundView.ts'
import { effectiveStatus, RoundStatus } from '../voting/votingRules.ts'
import { PlenaryGatherer } from './PlenaryGatherer.ts'
import { mergeIntoShortlist, topIdeas, uniqueInOrder } from './shortlistRules.ts'
import type { ShortlistEntry } from './ShortlistStore.ts'

const toResponse = (entries: ShortlistEntry[]): ShortlistResponse => ({
  shortlist: entries.map((e) => ({
    ideaId: e.ideaId,
    text: e.text,
    votes: e.votes,
    roundId: e.roundId,
    addedAt: e.addedAt,
  })),
})

/**
 * The board's shortlist (API: GET/PUT /api/boards/:boardId/shortlist, POST …/shortlist/promote).
 * Everyone on the board may read it; only the facilitator changes it. Every change is gathered
 * into the workshop's plenary board at once (PlenaryGatherer).
 */
export function registerShortlistRoutes(app: FastifyInstance, ctx: AppContext): void {
  // Shortlists are kept with voting's rounds (one store, one transaction for promote).
  const rounds = ctx.services.get(VotingRounds)
  const gatherer = new PlenaryGatherer({
    store: ctx.store,
    shortlists: rounds,
    rounds: rounds,
    rooms: ctx.rooms,
    schema: ctx.schema,
    logger: ctx.logger.child({ component: 'shortlist' }),
  })

  const section = (entries: readonly ShortlistEntry[]): { shortlist: ShortlistStateSection } => ({
    shortlist: { ideaIds: entries.map((e) => e.ideaId) },
  })
  // Open copies of a board learn of a changed shortlist on the board-state channel.
  ctx.rooms.addStateProvider(async (boardId) => section(await rounds.getShortlist(boardId)))

  /**
   * Changes the shortlist atomically (`change` sees the stored list and may refuse by throwing),
   * tells open copies, and updates the plenary; a plenary failure does not undo the change.
   */
  async function update(
    board: BoardRow,
    actor: Actor,
    change: (current: ShortlistEntry[]) => ShortlistEntry[],
  ): Promise<ShortlistResponse> {
    const entries = await rounds.updateShortlist(board.id, change)
    // Through the room manager: copies on other instances (REDIS_URL) learn it too.
    ctx.rooms.setBoardState(board.id, section(entries))
    try {
      await gatherer.gather(board, actor.userId)
    } catch (error) {
      ctx.logger.error({ err: error, boardId: board.id }, 'gathering the shortlist into the plenary failed')
    }
    return toResponse(entries)
  }

  registerRoute(app, routes.getShortlist, async ({ params, request }) => {
    const actor = await requireActor(ctx.store, request)
    const board = await boardFor(ctx, actor, params.boardId)
    return toResponse(await rounds.getShortlist(board.id))
  })

  registerRoute(app, routes.replaceShortlist, async ({ params, body: readBody, request }) => {
    const actor = await requireActor(ctx.store, request)
    const board = await boardFor(ctx, actor, params.boardId)
    requireFacilitator(actor, 'change the shortlist')
    const body = readBody()
    const ids = uniqueInOrder(body.ideaIds)
    const cards = new Map((await loadBoardIdeas(ctx.rooms, board.id)).ideas.map((i) => [i.id, i]))
    const now = Date.now()
    return update(board, actor, (stored) => {
      const current = new Map(stored.map((e) => [e.ideaId, e]))
      // A listed idea whose card was deleted may stay listed (its text is kept); new ones must exist.
      const unknown = ids.filter((id) => !current.has(id) && !cards.has(id))
      if (unknown.length > 0) {
        throw new ApiError(422, VotingErrorCode.unknownIdea, 'Some ideaIds are not idea cards on this board.', {
          ideaIds: unknown,
        })
      }
      return ids.map(
        (id) => current.get(id) ?? { ideaId: id, text: cards.get(id)!.text, roundId: null, votes: null, addedAt: now },
      )
    })
  })

  registerRoute(app, routes.promoteToShortlist, async ({ params, body: readBody, request }) => {
    const actor = await requireActor(ctx.store, request)
    const board = await boardFor(ctx, actor, params.boardId)
    requireFacilitator(actor, 'change the shortlist')
    const body = readBody()
    const round = await rounds.getRound(body.roundId)
    if (!round || round.boardId !== board.id) {
      throw new ApiError(404, VotingErrorCode.roundNotFound, 'No voting round with this id on this board.')
    }
    const now = Date.now()
    // The shortlist is public: promoting from an unrevealed round would leak its ranking.
    if (effectiveStatus(round, now) !== RoundStatus.revealed) {
      throw new ApiError(409, VotingErrorCode.notRevealed, 'Reveal the round before promoting its top ideas.')
    }
    const ideas = (await loadBoardIdeas(ctx.rooms, board.id)).ideas
    const results = roundResults(round, await rounds.tally(round.id), ideas, now)
    const top = topIdeas(results.ranking, body.top)
    const ranked = new Map(top.map((r) => [r.ideaId, r]))
    return update(board, actor, (current) => {
      const byId = new Map(current.map((e) => [e.ideaId, e]))
      return mergeIntoShortlist(
        current.map((e) => e.ideaId),
        top.map((r) => r.ideaId),
      ).map((id) => {
        const existing = byId.get(id)
        if (existing) return existing
        const entry = ranked.get(id)!
        return { ideaId: id, text: entry.text, roundId: round.id, votes: entry.votes, addedAt: now }
      })
    })
  })
}
