import { boardKindOf, CloseCode, ErrorCode } from '@pinnwand/shared'
import * as routes from '@pinnwand/shared/boardRoutes'
import type { FastifyInstance } from 'fastify'
import { generateId, generateToken, hashToken, normalizeJoinCode } from '../../auth/tokens.ts'
import { isJoinCodeExpired } from '../../auth/joinCodeExpiry.ts'
import type { AbuseLimits } from '../../limits/abuseLimits.ts'
import { guarded } from '../abuseGuards.ts'
import type { AppContext } from '../context.ts'
import { PhaseListeners } from '../../features/coreHooks.ts'
import { ApiError, joinCodeExpired, workshopDeleted } from '../errors.ts'
import { registerRoute } from '../registerRoute.ts'
import { requireActor, requireFacilitator, requireWorkshopFacilitator } from '../requestAuth.ts'
import { boardFor } from '../boardAccess.ts'
import { isOpenToParticipants } from '../../store/Store.ts'
import { tableNumbers } from '@pinnwand/shared/controlApi'

/** Facilitation controls of a board, participant management, and the join lookup. */
export function registerBoardRoutes(app: FastifyInstance, ctx: AppContext, limits: AbuseLimits): void {
  registerRoute(app, routes.lookupJoinCode, async ({ params, request }) => {
    const code = normalizeJoinCode(params.joinCode)
    const workshop = await guarded(limits.joinCodes, request, ctx.config.trustProxy, async () => {
      const found = await ctx.store.findWorkshopByJoinCode(code)
      if (!found) {
        if (await ctx.store.findDeletedWorkshop({ joinCode: code })) throw workshopDeleted()
        throw new ApiError(404, ErrorCode.invalidJoinCode, 'No workshop with this join code.')
      }
      if (isJoinCodeExpired(found.date, ctx.config.joinCodeGraceDays, Date.now())) throw joinCodeExpired()
      return found
    })
    const boards = await ctx.store.listBoards(workshop.id)
    const seats = await ctx.store.countSeats(workshop.id)
    // Numbered over all tables, before the closed plenary is left out: the same "Tisch 3" as on the board.
    const numbers = tableNumbers(boards)
    return {
      workshop: { id: workshop.id, title: workshop.title, language: workshop.language },
      // A plenary that is not open to participants is not a table anyone can choose.
      boards: boards.filter(isOpenToParticipants).map((b) => ({
        id: b.id,
        title: b.title,
        question: b.question,
        maxParticipants: b.maxParticipants ?? null,
        seated: seats[b.id] ?? 0,
        kind: boardKindOf(b),
        number: numbers.get(b.id) ?? null,
      })),
    }
  })

  registerRoute(app, routes.setBoardLock, async ({ params, body, request }) => {
    const actor = await requireActor(ctx.store, request)
    const board = await boardFor(ctx, actor, params.boardId)
    requireFacilitator(actor, 'lock a board')
    const { locked } = body()
    await ctx.store.updateBoardState(board.id, { locked })
    ctx.rooms.setBoardState(board.id, { locked })
    return { locked }
  })

  registerRoute(app, routes.setBoardPhase, async ({ params, body, request }) => {
    const actor = await requireActor(ctx.store, request)
    const board = await boardFor(ctx, actor, params.boardId)
    requireFacilitator(actor, 'set the phase')
    const { phase } = body()
    await ctx.store.updateBoardState(board.id, { phase })
    // A new phase is a new task: nobody is "fertig" with it yet.
    if (phase !== board.phase) await ctx.store.clearDone(board.id)
    ctx.rooms.setBoardState(board.id, { phase })
    for (const listener of ctx.services.all(PhaseListeners)) await listener(board.id, board.phase, phase, actor.name)
    return { phase }
  })

  registerRoute(app, routes.createProjectorToken, async ({ params, request }) => {
    const actor = await requireActor(ctx.store, request)
    const board = await boardFor(ctx, actor, params.boardId)
    requireFacilitator(actor, 'create projector tokens')
    const projectorToken = generateToken()
    await ctx.store.addToken(hashToken(projectorToken), {
      role: 'projector',
      workshopId: board.workshopId,
      boardId: board.id,
      subjectId: generateId('v'),
      revokedAt: null,
    })
    return { projectorToken }
  })

  registerRoute(app, routes.listParticipants, async ({ params, request }) => {
    const actor = await requireActor(ctx.store, request)
    requireWorkshopFacilitator(actor, params.workshopId, 'see the participant list')
    const participants = await ctx.store.listParticipants(actor.workshopId)
    return {
      participants: participants.map((p) => ({
        id: p.id,
        name: p.name,
        joinedAt: p.createdAt,
        revoked: p.revokedAt !== null,
      })),
    }
  })

  registerRoute(app, routes.revokeParticipant, async ({ params, request }) => {
    const actor = await requireActor(ctx.store, request)
    requireWorkshopFacilitator(actor, params.workshopId, 'remove participants')
    const revoked = await ctx.store.revokeParticipant(actor.workshopId, params.participantId, Date.now())
    if (!revoked) throw new ApiError(404, ErrorCode.notFound, 'No participant with this id in this workshop.')
    ctx.gateway.closeConnectionsOf(params.participantId, CloseCode.notAllowed, 'access revoked')
    // Their sockets on other instances (REDIS_URL) close too.
    for (const board of await ctx.store.listBoards(actor.workshopId)) {
      ctx.rooms.disconnectElsewhere(board.id, params.participantId, CloseCode.notAllowed, 'access revoked')
    }
    return undefined
  })
}
