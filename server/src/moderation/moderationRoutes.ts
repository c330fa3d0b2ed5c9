import {
  ApproveHeldCardBody,
  type ApproveHeldCardResponse,
  HELD_CARDS_PER_PERSON_MAX,
  HeldCardBody,
  type HeldCardDto,
  type HeldCardsResponse,
  ModerationErrorCode,
  RejectHeldCardBody,
} from '@pinnwand/shared'
import type { FastifyInstance } from 'fastify'
import type { Actor } from '../auth/Actor.ts'
import type { AppContext } from '../http/context.ts'
import { ApiError, forbidden, parseBody } from '../http/errors.ts'
import { requireActor, requireFacilitator } from '../http/requestAuth.ts'
import { boardFor, recordRefusalError } from '../http/boardAccess.ts'
import { LOCKED_VERDICT } from '../sync/recordPolicy.ts'
import type { HeldCardWrite } from './HeldCardStore.ts'
import type { Moderation } from './Moderation.ts'

type BoardParams = { Params: { boardId: string } }
type CardParams = { Params: { boardId: string; cardId: string } }

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
  app.get<BoardParams>('/api/boards/:boardId/moderation/inbox', async (request): Promise<HeldCardsResponse> => {
    const actor = await requireActor(ctx.store, request)
    const board = await boardFor(ctx, actor, request.params.boardId)
    requireFacilitator(actor, 'read the moderation inbox')
    return moderation.inbox(board.id)
  })

  app.post<CardParams>(
    '/api/boards/:boardId/moderation/inbox/:cardId/approve',
    async (request): Promise<ApproveHeldCardResponse> => {
      const actor = await requireActor(ctx.store, request)
      const board = await boardFor(ctx, actor, request.params.boardId)
      requireFacilitator(actor, 'approve cards')
      const body = parseBody(ApproveHeldCardBody, request.body ?? {})
      const approval = await moderation.approve(board.id, request.params.cardId, body.text?.trim())
      if (approval.result !== 'ok') throw heldCardError(approval.result)
      return { ideaId: approval.ideaId }
    },
  )

  app.post<CardParams>('/api/boards/:boardId/moderation/inbox/:cardId/reject', async (request) => {
    const actor = await requireActor(ctx.store, request)
    const board = await boardFor(ctx, actor, request.params.boardId)
    requireFacilitator(actor, 'reject cards')
    const body = parseBody(RejectHeldCardBody, request.body ?? {})
    const result = await moderation.reject(board.id, request.params.cardId, body.reason || null)
    if (result !== 'ok') throw heldCardError(result)
    return { ok: true }
  })

  app.get<BoardParams>('/api/boards/:boardId/held-cards', async (request): Promise<HeldCardsResponse> => {
    const actor = await requireActor(ctx.store, request)
    const board = await boardFor(ctx, actor, request.params.boardId)
    requireParticipant(actor)
    return moderation.own(board.id, actor)
  })

  app.post<BoardParams>('/api/boards/:boardId/held-cards', async (request, reply) => {
    const actor = await requireActor(ctx.store, request)
    const board = await boardFor(ctx, actor, request.params.boardId)
    requireParticipant(actor)
    const body = parseBody(HeldCardBody, request.body)
    await refuseWhileLocked(ctx, board.id)
    const { result, card } = await moderation.add(board.id, actor, body.text.trim())
    if (result !== 'ok') throw heldCardError(result)
    return reply.code(201).send({ card } satisfies { card?: HeldCardDto })
  })

  app.patch<CardParams>('/api/boards/:boardId/held-cards/:cardId', async (request) => {
    const actor = await requireActor(ctx.store, request)
    const board = await boardFor(ctx, actor, request.params.boardId)
    requireParticipant(actor)
    const body = parseBody(HeldCardBody, request.body)
    await refuseWhileLocked(ctx, board.id)
    const result = await moderation.update(board.id, actor, request.params.cardId, body.text.trim())
    if (result !== 'ok') throw heldCardError(result)
    return { ok: true }
  })

  app.delete<CardParams>('/api/boards/:boardId/held-cards/:cardId', async (request, reply) => {
    const actor = await requireActor(ctx.store, request)
    const board = await boardFor(ctx, actor, request.params.boardId)
    requireParticipant(actor)
    const result = await moderation.remove(board.id, actor, request.params.cardId)
    if (result !== 'ok') throw heldCardError(result)
    return reply.code(204).send()
  })
}
