import { PrivatePhaseErrorCode, PRIVATE_CARDS_PER_PERSON_MAX } from '@pinnwand/shared'
import * as routes from '@pinnwand/shared/privatePhaseRoutes'
import type { FastifyInstance } from 'fastify'
import type { Actor } from '../auth/Actor.ts'
import type { AppContext } from '../http/context.ts'
import { ApiError, forbidden } from '../http/errors.ts'
import { registerRoute } from '../http/registerRoute.ts'
import { requireActor, requireFacilitator } from '../http/requestAuth.ts'
import { boardFor } from '../http/boardAccess.ts'
import type { PrivateCardWrite } from './PrivateCardStore.ts'
import type { PrivatePhase } from './PrivatePhase.ts'

/** A refused private-card write as an API error (nothing was changed). */
function writeError(result: Exclude<PrivateCardWrite, 'ok'>): ApiError {
  switch (result) {
    case 'no_phase':
      return new ApiError(409, PrivatePhaseErrorCode.noPrivatePhase, 'No private phase runs on this board (any more).')
    case 'not_found':
      return new ApiError(404, PrivatePhaseErrorCode.privateCardNotFound, 'No private card of yours with this id.')
    case 'too_many':
      return new ApiError(
        409,
        PrivatePhaseErrorCode.tooManyPrivateCards,
        `At most ${PRIVATE_CARDS_PER_PERSON_MAX} private cards per person.`,
      )
  }
}

/** Only people who write cards hold private ones: the projector reads, the facilitator writes on the board. */
function requireParticipant(actor: Actor): void {
  if (actor.role !== 'participant') throw forbidden('Only participants write private cards.')
}

/**
 * Stilles Sammeln: the facilitator starts the phase and reveals; participants write, change and
 * delete their own private cards; everyone reads what they may (docs/architecture.md, 33).
 */
export function registerPrivatePhaseRoutes(app: FastifyInstance, ctx: AppContext, phase: PrivatePhase): void {
  registerRoute(app, routes.startPrivatePhase, async ({ params, body: readBody, request }) => {
    const actor = await requireActor(ctx.store, request)
    const board = await boardFor(ctx, actor, params.boardId)
    requireFacilitator(actor, 'start the private phase')
    const facilitatorSeesTexts = readBody()?.facilitatorSeesTexts ?? false
    return { privatePhase: await phase.start(board.id, facilitatorSeesTexts) }
  })

  registerRoute(app, routes.revealPrivateCards, async ({ params, body: readBody, request }) => {
    const actor = await requireActor(ctx.store, request)
    const board = await boardFor(ctx, actor, params.boardId)
    requireFacilitator(actor, 'reveal the private cards')
    const anonymous = readBody()?.anonymous ?? false
    const ideaIds = await phase.reveal(board.id, anonymous)
    if (ideaIds === null) throw writeError('no_phase')
    return { ideaIds, anonymous }
  })

  registerRoute(app, routes.listPrivateCards, async ({ params, request }) => {
    const actor = await requireActor(ctx.store, request)
    const board = await boardFor(ctx, actor, params.boardId)
    return phase.list(board.id, actor)
  })

  registerRoute(app, routes.createPrivateCard, async ({ params, body: readBody, request }) => {
    const actor = await requireActor(ctx.store, request)
    const board = await boardFor(ctx, actor, params.boardId)
    requireParticipant(actor)
    const body = readBody()
    const { result, card } = await phase.add(board.id, actor, body.text.trim(), body.clientRequestId)
    if (result !== 'ok') throw writeError(result)
    return { card: card! }
  })

  registerRoute(app, routes.updatePrivateCard, async ({ params, body: readBody, request }) => {
    const actor = await requireActor(ctx.store, request)
    const board = await boardFor(ctx, actor, params.boardId)
    requireParticipant(actor)
    const body = readBody()
    const result = await phase.update(board.id, actor, params.cardId, body.text.trim())
    if (result !== 'ok') throw writeError(result)
    return { ok: true as const }
  })

  registerRoute(app, routes.deletePrivateCard, async ({ params, request }) => {
    const actor = await requireActor(ctx.store, request)
    const board = await boardFor(ctx, actor, params.boardId)
    requireParticipant(actor)
    const result = await phase.remove(board.id, actor, params.cardId)
    if (result !== 'ok') throw writeError(result)
    return undefined
  })
}
