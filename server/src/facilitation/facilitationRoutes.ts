import {
  type BoardDisplayInfo,
  ErrorCode,
  ProjectorActionBody,
  type ProjectorResponse,
  TimerActionBody,
  type TimerResponse,
  ViewActionBody,
  type ViewResponse,
} from '@pinnwand/shared'
import { tableNumbers } from '@pinnwand/shared/controlApi'
import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../http/context.ts'
import type { Facilitation } from './Facilitation.ts'
import { ApiError, parseBody } from '../http/errors.ts'
import { requireActor, requireFacilitator } from '../http/requestAuth.ts'
import { boardFor } from '../http/boardAccess.ts'

/** The facilitator's timer, "follow me" / "bring everyone", and what a projector shows around the canvas. */
export function registerFacilitationRoutes(app: FastifyInstance, ctx: AppContext, facilitation: Facilitation): void {
  app.post<{ Params: { boardId: string } }>('/api/boards/:boardId/timer', async (request): Promise<TimerResponse> => {
    const actor = await requireActor(ctx.store, request)
    const board = await boardFor(ctx, actor, request.params.boardId)
    requireFacilitator(actor, 'run the timer')
    const action = parseBody(TimerActionBody, request.body)
    const decision = await facilitation.timerAction(board.id, action)
    if (!decision.ok) throw new ApiError(409, decision.code, decision.message)
    return { timer: decision.timer, serverNow: decision.serverNow }
  })

  app.post<{ Params: { boardId: string } }>('/api/boards/:boardId/view', async (request): Promise<ViewResponse> => {
    const actor = await requireActor(ctx.store, request)
    const board = await boardFor(ctx, actor, request.params.boardId)
    requireFacilitator(actor, 'move everyone’s view')
    const action = parseBody(ViewActionBody, request.body)
    return facilitation.viewAction(board.id, actor, action)
  })

  app.post<{ Params: { boardId: string } }>(
    '/api/boards/:boardId/projector',
    async (request): Promise<ProjectorResponse> => {
      const actor = await requireActor(ctx.store, request)
      const board = await boardFor(ctx, actor, request.params.boardId)
      requireFacilitator(actor, 'choose what the projector shows')
      const action = parseBody(ProjectorActionBody, request.body)
      return { projector: await facilitation.projectorAction(board.id, action) }
    },
  )

  app.get<{ Params: { boardId: string } }>(
    '/api/boards/:boardId/display',
    async (request): Promise<BoardDisplayInfo> => {
      const actor = await requireActor(ctx.store, request)
      const board = await boardFor(ctx, actor, request.params.boardId)
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
    },
  )
}
