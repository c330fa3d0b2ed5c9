import { type BoardComment, buildComment, ErrorCode, getCommentsMap, readComments } from '@pinnwand/shared'
import * as routes from '@pinnwand/shared/commentRoutes'
import type { FastifyInstance } from 'fastify'
import { canWriteBoard } from '../auth/Actor.ts'
import { isIdeaCard } from '../domain/ideas.ts'
import type { AppContext } from '../http/context.ts'
import { ApiError, forbidden } from '../http/errors.ts'
import { registerRoute } from '../http/registerRoute.ts'
import { requireActor } from '../http/requestAuth.ts'
import { boardFor } from '../http/boardAccess.ts'
import type { BoardRoom } from '../sync/BoardRoom.ts'
import { type CommentPolicyContext, type CommentRefusal, reviewCommentChange } from './commentPolicy.ts'

/** The same facts the room's CommentGuard decides with, for API writes. */
function policyContext(room: BoardRoom): CommentPolicyContext {
  return {
    locked: room.isLockedForParticipants,
    ideaExists: (id) => {
      const record = room.records.get(id)
      return record !== undefined && isIdeaCard(record)
    },
  }
}

function refusalError(refusal: CommentRefusal): ApiError {
  switch (refusal.code) {
    case 'locked':
      return new ApiError(409, ErrorCode.boardLocked, 'The board is locked (or a voting round is open).')
    case 'idea_not_found':
      return new ApiError(404, ErrorCode.ideaNotFound, 'No idea card with this id on this board.')
    case 'invalid':
      return new ApiError(400, ErrorCode.validationFailed, refusal.reason)
    case 'not_author':
      return forbidden('Only the author or the facilitator can delete this comment.')
    default:
      return forbidden(`Not allowed: ${refusal.reason}.`)
  }
}

/**
 * Comments over HTTP (additive to API v1). Writes go through the board's room like the ideas
 * API: they appear live on every open copy and are persisted before the answer is sent. The
 * rules are the same pure ones the room applies to socket writes (commentPolicy.ts).
 */
export function registerCommentRoutes(app: FastifyInstance, ctx: AppContext): void {
  registerRoute(app, routes.listComments, async ({ params, request }) => {
    const actor = await requireActor(ctx.store, request)
    const board = await boardFor(ctx, actor, params.boardId)
    const room = await ctx.rooms.open(board.id)
    try {
      const { ideaId } = params
      if (!policyContext(room).ideaExists(ideaId)) throw refusalError({ code: 'idea_not_found', reason: '' })
      return { comments: readComments(room.doc).filter((comment) => comment.ideaId === ideaId) }
    } finally {
      ctx.rooms.releaseIfIdle(room)
    }
  })

  registerRoute(app, routes.createComment, async ({ params, body: readBody, request }) => {
    const actor = await requireActor(ctx.store, request)
    const board = await boardFor(ctx, actor, params.boardId)
    if (!canWriteBoard(actor, board)) throw forbidden('Read-only access cannot comment.')
    const body = readBody()
    const room = await ctx.rooms.open(board.id)
    try {
      let comment!: BoardComment
      await room.change((_records, doc) => {
        comment = buildComment({
          ideaId: params.ideaId,
          text: body.text,
          author: { userId: actor.userId, name: actor.name },
        })
        const refusal = reviewCommentChange(
          actor,
          { id: comment.id, before: undefined, after: comment },
          policyContext(room),
        )
        if (refusal) throw refusalError(refusal)
        getCommentsMap(doc).set(comment.id, comment)
      })
      return { comment }
    } finally {
      ctx.rooms.releaseIfIdle(room)
    }
  })

  registerRoute(app, routes.deleteComment, async ({ params, request }) => {
    const actor = await requireActor(ctx.store, request)
    const board = await boardFor(ctx, actor, params.boardId)
    if (!canWriteBoard(actor, board)) throw forbidden('Read-only access cannot delete comments.')
    const room = await ctx.rooms.open(board.id)
    try {
      const { commentId } = params
      await room.change((_records, doc) => {
        const map = getCommentsMap(doc)
        if (!map.has(commentId))
          throw new ApiError(404, ErrorCode.commentNotFound, 'No comment with this id on this board.')
        const refusal = reviewCommentChange(
          actor,
          { id: commentId, before: map.get(commentId), after: undefined },
          policyContext(room),
        )
        if (refusal) throw refusalError(refusal)
        map.delete(commentId)
      })
      return undefined
    } finally {
      ctx.rooms.releaseIfIdle(room)
    }
  })
}
