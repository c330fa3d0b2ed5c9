import { currentRecords, ErrorCode, getCommentsMap, parseComment } from '@pinnwand/shared'
import { mergeIdeas } from '@pinnwand/shared/ideaRoutes'
import { MergeErrorCode, type MergeIdeasResponse, mergedIdeasOf } from '@pinnwand/shared/mergeIdeasApi'
import type { FastifyInstance } from 'fastify'
import { canWriteBoard } from '../../auth/Actor.ts'
import { planMerge } from '../../domain/mergeIdeas.ts'
import { reviewRecordChange } from '../../sync/recordPolicy.ts'
import type { AppContext } from '../context.ts'
import { ApiError, forbidden } from '../errors.ts'
import { registerRoute } from '../registerRoute.ts'
import { requireActor } from '../requestAuth.ts'
import { boardFor, recordPolicyContext, recordRefusalError } from '../boardAccess.ts'

/**
 * "Doppelte zusammenführen": merges two or more idea cards into the first (domain/mergeIdeas.ts).
 * The cards' comments move to the surviving card. Whoever may edit the first card and delete the
 * others may merge them: the facilitator any cards, a participant only their own. Not while a
 * voting round is open (its dots belong to the cards as they are).
 */
export function registerMergeIdeasRoute(app: FastifyInstance, ctx: AppContext): void {
  registerRoute(app, mergeIdeas, async ({ params, body: readBody, request }) => {
    const actor = await requireActor(ctx.store, request)
    const board = await boardFor(ctx, actor, params.boardId)
    if (!canWriteBoard(actor, board)) throw forbidden('Read-only access cannot merge ideas.')
    const body = readBody()
    const room = await ctx.rooms.open(board.id)
    try {
      if ((room.boardState.round as { status?: string } | null | undefined)?.status === 'open') {
        throw new ApiError(409, MergeErrorCode.roundOpen, 'A voting round is open: merge ideas before or after it.')
      }
      let response!: MergeIdeasResponse
      await room.change((records, doc) => {
        const byId = new Map(currentRecords(records).map((record) => [record.id as string, record]))
        const plan = planMerge(byId, body.ideaIds, body.text)
        if (!plan.ok) {
          if (plan.problem === 'unknown_idea')
            throw new ApiError(404, ErrorCode.ideaNotFound, `No idea card ${plan.ideaId} on this board.`)
          if (plan.problem === 'too_few')
            throw new ApiError(400, ErrorCode.validationFailed, 'Merging needs two different idea cards.')
          throw new ApiError(
            422,
            MergeErrorCode.textTooLong,
            `Together the texts have ${plan.length} characters, more than an idea may have; choose a text.`,
          )
        }
        const policy = recordPolicyContext(room, records)
        const changes = [
          { id: plan.survivor.id, before: records.get(plan.survivor.id), after: plan.survivor },
          ...plan.removed.map((card) => ({ id: card.id, before: card, after: undefined })),
        ]
        for (const change of changes) {
          const refused = reviewRecordChange(actor, change, ctx.schema, policy)
          if (refused) throw recordRefusalError(refused)
        }
        records.set(plan.survivor.id, plan.survivor)
        for (const card of plan.removed) records.delete(card.id)
        const removed = new Set<string>(plan.removed.map((card) => card.id))
        const comments = getCommentsMap(doc)
        let moved = 0
        for (const value of [...comments.values()]) {
          const comment = parseComment(value)
          if (!comment || !removed.has(comment.ideaId)) continue
          comments.set(comment.id, { ...comment, ideaId: plan.survivor.id })
          moved++
        }
        response = {
          idea: {
            id: plan.survivor.id,
            text: plan.survivor.props.text,
            authors: plan.authors,
            mergedFrom: mergedIdeasOf(plan.survivor.meta),
          },
          movedComments: moved,
        }
      })
      ctx.logger.info({ boardId: board.id, ideaId: response.idea.id, merged: body.ideaIds.length - 1 }, 'ideas merged')
      return response
    } finally {
      ctx.rooms.releaseIfIdle(room)
    }
  })
}
