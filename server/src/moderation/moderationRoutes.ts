import { HELD_CARDS_PER_PERSON_MAX, ModerationErrorCode } from '@pinnwand/shared'
import * as routes from '@pinnwand/shared/moderationRoutes'
import type { FastifyInstance } from 'fastify'
import type { Actor } from '../auth/Actor.ts'
import type { AppContext } from '../http/context.ts'
import { ApiError, forbidden } from '../http/errors.ts'
import { registerRoute } from '../http/registerRoute.ts'
import { requireActor, requireFacilitator } from '../http/requestAuth.ts'
import { boardFor, recordRefusalError } from '../http/boardAccess.ts'
import { LOCKED_VERDICT } from '../sync/recordPolicy.ts'
import type { HeldCardWrite } from './HeldCardStore.ts'
import type { Moderation } from './Moderation.ts'

/** A refused held-card write as an API error (nothing was changed). */
export function heldCardError(result: Exclude<HeldCardWrite, 'ok'>): ApiError {
  switch (result) {
    case 'moderation_off':
      return new ApiError(409, ModerationErrorCode.moderationOff, 'This board is not moderated (any more).')
    case 'not_found':
      return new ApiError(404, ModerationErrorCode.heldCardNotFound, 'No held card of yours with this id.')
    case 'decided':
      return new ApiError(409, ModerationErrorCode.heldCardDecided, 'This card was approved or rejected already.')
    case 'too_many':
      return new ApiError(
        409,
        ModerationErrorCode.tooManyHeldCards,
        `At most ${HELD_CARDS_PER_PERSON_MAX} held cards per person.`,
      )
  }
}

/**
 * A locked board (or an open voting round) takes no participant's writes, held ones included:
 * the same 409 as a card written on the board.
 */
export async function refuseWhileLocked(ctx: AppContext, boardId: string): Promise<void> {
  const room = await ctx.rooms.open(boardId)
  try {
    if (room.isLockedForParticipants) throw recordRefusalError(LOCKED_VERDICT)
  } finally {
    ctx.rooms.releaseIfIdle(room)
  }
}

/** Only participants' cards are held: the facilitator's own go on the board, the projector writes none. */
function requireParticipant(actor: Actor): void {
  if (actor.role !== 'participant') throw forbidden('Only participants write held cards.')
}

/**
 * The moderation inbox: participants write, change and withdraw their own held cards and read
 * them (rejections with the reason); the facilitator reads the waiting ones, approves (optionally
 * edited) or rejects (docs/architecture.md, 34). The setting is `moderation` of `PATCH /api/boards/:boardId`.
 */
export function registerModerationRoutes(app: FastifyInstance, ctx: AppContext, moderation: Moderation): void {
  registerRoute(app, routes.moderationInbox, async ({ params, request }) => {
    const actor = await requireActor(ctx.store, request)
    const board = await boardFor(ctx, actor, params.boardId)
    requireFacilitator(actor, 'read the moderation inbox')
    return moderation.inbox(board.id)
  })

  registerRoute(app, routes.approveHeldCard, async ({ params, body: readBody, request }) => {
    const actor = await requireActor(ctx.store, request)
    const board = await boardFor(ctx, actor, params.boardId)
    requireFacilitator(actor, 'approve cards')
    const body = readBody() ?? {}
    const approval = await moderation.approve(board.id, params.cardId, body.text?.trim())
    if (approval.result !== 'ok') throw heldCardError(approval.result)
    return { ideaId: approval.ideaId }
  })

  registerRoute(app, routes.rejectHeldCard, async ({ params, body: readBody, request }) => {
    const actor = await requireActor(ctx.store, request)
    const board = await boardFor(ctx, actor, params.boardId)
    requireFacilitator(actor, 'reject cards')
    const body = readBody() ?? {}
    const result = await moderation.reject(board.id, params.cardId, body.reason || null)
    if (result !== 'ok') throw heldCardError(result)
    return { ok: true as const }
  })

  registerRoute(app, routes.listHeldCards, async ({ params, request }) => {
    const actor = await requireActor(ctx.store, request)
    const board = await boardFor(ctx, actor, params.boardId)
    requireParticipant(actor)
    return moderation.own(board.id, actor)
  })

  registerRoute(app, routes.createHeldCard, async ({ params, body: readBody, request }) => {
    const actor = await requireActor(ctx.store, request)
    const board = await boardFor(ctx, actor, params.boardId)
    requireParticipant(actor)
    const body = readBody()
    await refuseWhileLocked(ctx, board.id)
    const { result, card } = await moderation.add(board.id, actor, body.text.trim(), body.clientRequestId)
    if (result !== 'ok') throw heldCardError(result)
    return { card: card! }
  })

  registerRoute(app, routes.updateHeldCard, async ({ params, body: readBody, request }) => {
    const actor = await requireActor(ctx.store, request)
    const board = await boardFor(ctx, actor, params.boardId)
    requireParticipant(actor)
    const body = readBody()
    await refuseWhileLocked(ctx, board.id)
    const result = await moderation.update(board.id, actor, params.cardId, body.text.trim())
    if (result !== 'ok') throw heldCardError(result)
    return { ok: true as const }
  })

  registerRoute(app, routes.deleteHeldCard, async ({ params, request }) => {
    const actor = await requireActor(ctx.store, request)
    const board = await boardFor(ctx, actor, params.boardId)
    requireParticipant(actor)
    const result = await moderation.remove(board.id, actor, params.cardId)
    if (result !== 'ok') throw heldCardError(result)
    return undefined
  })
}
