import { ErrorCode } from '@pinnwand/shared'
import { tableNumbers } from '@pinnwand/shared/controlApi'
import * as routes from '@pinnwand/shared/facilitationRoutes'
import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../http/context.ts'
import type { Facilitation } from './Facilitation.ts'
import { ApiError } from '../http/errors.ts'
import { registerRoute } from '../http/registerRoute.ts'
import { requireActor, requireFacilitator } from '../http/requestAuth.ts'
import { boardFor } from '../http/boardAccess.ts'

/** The facilitator's timer, "follow me" / "bring everyone", and what a projector shows around the canvas. */
export function registerFacilitationRoutes(app: FastifyInstance, ctx: AppContext, facilitation: Facilitation): void {
  registerRoute(app, routes.boardTimer, async ({ params, body, request }) => {
    const actor = await requireActor(ctx.store, request)
    const board = await boardFor(ctx, actor, params.boardId)
    requireFacilitator(actor, 'run the timer')
    const decision = await facilitation.timerAction(board.id, body())
    if (!decision.ok) throw new ApiError(409, decision.code, decision.message)
    return { timer: decision.timer, serverNow: decision.serverNow }
  })

  registerRoute(app, routes.boardView, async ({ params, body, request }) => {
    const actor = await requireActor(ctx.store, request)
    const board = await boardFor(ctx, actor, params.boardId)
    requireFacilitator(actor, 'move everyone’s view')
    return facilitation.viewAction(board.id, actor, body())
  })

  registerRoute(app, routes.projectorMode, async ({ params, body, request }) => {
    const actor = await requireActor(ctx.store, request)
    const board = await boardFor(ctx, actor, params.boardId)
    requireFacilitator(actor, 'choose what the projector shows')
    return { projector: await facilitation.projectorAction(board.id, body()) }
  })

  registerRoute(app, routes.boardDisplay, async ({ params, request }) => {
    const actor = await requireActor(ctx.store, request)
    const board = await boardFor(ctx, actor, params.boardId)
    const workshop = await ctx.store.getWorkshop(board.workshopId)
    if (!workshop) throw new ApiError(404, ErrorCode.workshopNotFound, 'No workshop for this board.')
    return {
      board: {
        id: board.id,
        title: board.title,
        question: board.question,
        number: tableNumbers(await ctx.store.listBoards(board.workshopId)).get(board.id) ?? null,
      },
      workshop: { id: workshop.id, title: workshop.title, joinCode: workshop.joinCode },
      publicOrigin: ctx.config.publicUrl ?? `${request.protocol}://${request.host}`,
    }
  })
}
