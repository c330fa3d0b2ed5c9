import { boardKindOf, CloseCode, ErrorCode } from '@pinnwand/shared'
import * as boardRoutes from '@pinnwand/shared/boardRoutes'
import * as routes from '@pinnwand/shared/workshopRoutes'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { isAdminToken } from '../../auth/adminToken.ts'
import { isJoinCodeExpired } from '../../auth/joinCodeExpiry.ts'
import { hashPassphrase, verifyPassphrase } from '../../auth/passphrase.ts'
import { generateId, generateToken, hashToken, normalizeJoinCode } from '../../auth/tokens.ts'
import { createWorkshop, deleteWorkshop } from '../../domain/workshops.ts'
import { type BoardRow, isOpenToParticipants } from '../../store/Store.ts'
import { tableNumbers } from '@pinnwand/shared/controlApi'
import type { AbuseLimits } from '../../limits/abuseLimits.ts'
import { guarded, isLocalRequest, rateLimited, requestAddress } from '../abuseGuards.ts'
import type { AppContext } from '../context.ts'
import { type BoardSwitch, BoardSwitches } from '../../features/coreHooks.ts'
import { ApiError, joinCodeExpired, workshopDeleted } from '../errors.ts'
import { registerRoute } from '../registerRoute.ts'
import { bearerToken, requireActor, requireFacilitator, requireWorkshopFacilitator } from '../requestAuth.ts'
import { boardFor } from '../boardAccess.ts'
import { retentionInfo } from '../../domain/retention.ts'

function publicOrigin(ctx: AppContext, request: FastifyRequest): string {
  return ctx.config.publicUrl ?? `${request.protocol}://${request.host}`
}

const workshopNotFound = () => new ApiError(404, ErrorCode.workshopNotFound, 'No workshop with this id.')

/** 410 for a workshop that was deleted, 404 for one that never was. */
async function missingWorkshop(ctx: AppContext, workshopId: string): Promise<ApiError> {
  return (await ctx.store.findDeletedWorkshop({ workshopId })) ? workshopDeleted() : workshopNotFound()
}

/** The start page on this machine needs no token; anyone else needs the admin token and a budget. */
function admitWorkshopCreation(ctx: AppContext, limits: AbuseLimits, request: FastifyRequest): void {
  const { trustProxy, adminToken } = ctx.config
  if (isLocalRequest(request, trustProxy)) return
  if (!isAdminToken(bearerToken(request), adminToken)) {
    throw new ApiError(
      401,
      'admin_token_required',
      adminToken
        ? 'Creating workshops from another computer requires the admin token (Authorization: Bearer <token>).'
        : 'Creating workshops is only possible on the server itself: ADMIN_TOKEN is not set.',
    )
  }
  const verdict = limits.workshopCreation?.take(requestAddress(request, trustProxy), performance.now())
  if (verdict && !verdict.ok) throw rateLimited(verdict.retryAfterMs, 'Too many workshops created from this address')
}

export function registerWorkshopRoutes(app: FastifyInstance, ctx: AppContext, limits: AbuseLimits): void {
  registerRoute(app, routes.createWorkshop, async ({ body: readBody, request }) => {
    admitWorkshopCreation(ctx, limits, request)
    const body = readBody()
    const created = await createWorkshop(ctx.store, ctx.schema, body)
    const origin = publicOrigin(ctx, request)
    return {
      workshop: { id: created.workshop.id, title: created.workshop.title, joinCode: created.workshop.joinCode },
      facilitatorToken: created.facilitatorToken,
      boards: created.boards.map((b) => ({ id: b.id, title: b.title, kind: boardKindOf(b) })),
      links: {
        facilitator: `${origin}/w/${created.workshop.id}?token=${created.facilitatorToken}`,
        participant: `${origin}/join/${created.workshop.joinCode}`,
        projector: `${origin}/w/${created.workshop.id}/projector?token=${created.projectorToken}`,
      },
    }
  })

  registerRoute(app, routes.workshopOverview, async ({ params, request }) => {
    const actor = await requireActor(ctx.store, request)
    const { workshopId } = params
    requireWorkshopFacilitator(actor, workshopId, 'see the workshop overview')
    const workshop = await ctx.store.getWorkshop(workshopId)
    if (!workshop) throw workshopNotFound()
    const boards = await ctx.store.listBoards(workshopId)
    const seats = await ctx.store.countSeats(workshopId)
    const connected = await ctx.rooms.participantCounts(boards.map((b) => b.id))
    // A feature's per-board switch (features/coreHooks.ts): which boards have it on.
    const moderated = (await boardSwitch(ctx, 'moderation')?.enabledBoards(boards.map((b) => b.id))) ?? new Set()
    return {
      workshop: {
        id: workshop.id,
        title: workshop.title,
        language: workshop.language,
        date: workshop.date,
        joinCode: workshop.joinCode,
        hideAuthors: workshop.hideAuthors ?? false,
        // Data protection: the day the server deletes the workshop (domain/retention.ts).
        retention: retentionInfo(
          { ...workshop, retentionDays: workshop.retentionDays ?? null },
          ctx.config.retentionDays,
        ),
      },
      boards: boards.map((b) => ({
        id: b.id,
        title: b.title,
        question: b.question,
        template: b.template,
        kind: boardKindOf(b),
        openToParticipants: isOpenToParticipants(b),
        participants: connected.get(b.id) ?? 0,
        ideas: b.ideaCount,
        lastActivity: b.lastActivityAt,
        phase: b.phase,
        locked: b.locked,
        maxParticipants: b.maxParticipants ?? null,
        seated: seats[b.id] ?? 0,
        facilitator: b.facilitatorName ?? null,
        moderation: moderated.has(b.id),
      })),
    }
  })

  registerRoute(app, routes.joinWorkshop, async ({ params, body: readBody, request }) => {
    const body = readBody()
    const workshop = await guarded(limits.joinCodes, request, ctx.config.trustProxy, async () => {
      const found = await ctx.store.getWorkshop(params.workshopId)
      if (!found) throw await missingWorkshop(ctx, params.workshopId)
      if (normalizeJoinCode(body.joinCode) !== found.joinCode) {
        throw new ApiError(403, ErrorCode.invalidJoinCode, 'This join code does not belong to this workshop.')
      }
      if (isJoinCodeExpired(found.date, ctx.config.joinCodeGraceDays, Date.now())) throw joinCodeExpired()
      return found
    })
    const participantId = generateId('p')
    const participantToken = generateToken()
    await ctx.store.addParticipant(
      { id: participantId, workshopId: workshop.id, name: body.name, createdAt: Date.now(), revokedAt: null },
      hashToken(participantToken),
    )
    return { participantId, participantToken }
  })

  registerRoute(app, routes.setPassphrase, async ({ params, body, request }) => {
    const actor = await requireActor(ctx.store, request)
    requireWorkshopFacilitator(actor, params.workshopId, 'set the passphrase')
    const { passphrase } = body()
    await ctx.store.setRecoveryHash(actor.workshopId, await hashPassphrase(passphrase))
    return undefined
  })

  /** Lost the dashboard link: the passphrase yields a new facilitator token. */
  registerRoute(app, routes.recoverAccess, async ({ params, body, request }) => {
    const { passphrase } = body()
    const workshop = await guarded(limits.passphrases, request, ctx.config.trustProxy, async () => {
      const found = await ctx.store.getWorkshop(params.workshopId)
      if (!found) throw await missingWorkshop(ctx, params.workshopId)
      const stored = await ctx.store.getRecoveryHash(found.id)
      if (!stored || !(await verifyPassphrase(passphrase, stored))) {
        throw new ApiError(403, 'invalid_passphrase', 'This passphrase does not open this workshop.')
      }
      return found
    })
    const facilitatorToken = generateToken()
    await ctx.store.addToken(hashToken(facilitatorToken), {
      role: 'facilitator',
      workshopId: workshop.id,
      boardId: null,
      subjectId: generateId('f'),
      revokedAt: null,
    })
    return { facilitatorToken }
  })

  registerWorkshopAdminRoutes(app, ctx)
}

/** Gives the table its number; returns every board's number afterwards. */
async function renumber(ctx: AppContext, board: BoardRow, number: number): Promise<Map<string, number>> {
  const result = await ctx.store.renumberTable(board.workshopId, board.id, number)
  if (result.ok) {
    // Open boards and projectors of both tables show the new numbers at once (every instance).
    const numbers = tableNumbers(await ctx.store.listBoards(board.workshopId))
    for (const id of [board.id, result.swappedWith]) {
      if (id) ctx.rooms.setBoardState(id, { table: { number: numbers.get(id) ?? null } })
    }
    return numbers
  }
  throw new ApiError(
    422,
    ErrorCode.tableNumberOutOfRange,
    result.reason === 'not_a_table'
      ? 'The plenary has no table number.'
      : `Table numbers run from 1 to ${result.tables} (the number of tables).`,
    { tables: result.tables },
  )
}

/** Relay topic: a board's workshop was deleted on another instance. */
export const WORKSHOP_DELETED_SIGNAL = 'workshop-deleted'

/** Deleting a workshop, table limits and seats, and the table list for any token of a workshop. */
function registerWorkshopAdminRoutes(app: FastifyInstance, ctx: AppContext): void {
  ctx.rooms.onSignal(WORKSHOP_DELETED_SIGNAL, (boardId) => {
    ctx.gateway.closeBoardConnections(boardId, CloseCode.workshopDeleted, 'workshop deleted')
    void ctx.rooms.discard(boardId)
  })

  registerRoute(app, routes.deleteWorkshop, async ({ params, request }) => {
    const actor = await requireActor(ctx.store, request)
    const { workshopId } = params
    requireWorkshopFacilitator(actor, workshopId, 'delete the workshop')
    const live = {
      closeConnections: (id: string) =>
        ctx.gateway.closeWorkshopConnections(id, CloseCode.workshopDeleted, 'workshop deleted'),
      discardRoom: (boardId: string) => {
        // Other instances (REDIS_URL) close their sockets of the board and forget it too.
        ctx.rooms.signal(boardId, WORKSHOP_DELETED_SIGNAL, true)
        return ctx.rooms.discard(boardId)
      },
    }
    if (!(await deleteWorkshop(ctx.store, live, workshopId))) throw workshopNotFound()
    request.log.info({ workshopId }, 'workshop deleted')
    return undefined
  })

  registerRoute(app, boardRoutes.updateTable, async ({ params, body, request }) => {
    const actor = await requireActor(ctx.store, request)
    const board = await boardFor(ctx, actor, params.boardId)
    requireFacilitator(actor, 'change a table')
    const { maxParticipants, facilitator, openToParticipants, number, moderation } = body()
    // The number first: a refused number leaves the other settings of the same request unapplied.
    const numbers = number === undefined ? undefined : await renumber(ctx, board, number)
    if (maxParticipants !== undefined) await ctx.store.setTableLimit(board.id, maxParticipants)
    if (facilitator !== undefined) await ctx.store.setTableFacilitator(board.id, facilitator || null)
    if (openToParticipants !== undefined) await ctx.store.setOpenToParticipants(board.id, openToParticipants)
    const moderationSwitch = boardSwitch(ctx, 'moderation')
    const moderated =
      moderation === undefined
        ? await moderationSwitch?.isEnabled(board.id)
        : await moderationSwitch?.setEnabled(board.id, moderation)
    const updated = (await ctx.store.getBoard(board.id)) ?? board
    return {
      id: board.id,
      maxParticipants: updated.maxParticipants ?? null,
      facilitator: updated.facilitatorName ?? null,
      kind: boardKindOf(updated),
      openToParticipants: isOpenToParticipants(updated),
      moderation: moderated ?? false,
      number: (numbers ?? tableNumbers(await ctx.store.listBoards(board.workshopId))).get(board.id) ?? null,
    }
  })

  registerRoute(app, routes.updateWorkshop, async ({ params, body, request }) => {
    const actor = await requireActor(ctx.store, request)
    const { workshopId } = params
    requireWorkshopFacilitator(actor, workshopId, 'change workshop settings')
    const { hideAuthors } = body()
    if (!(await ctx.store.getWorkshop(workshopId))) throw workshopNotFound()
    await ctx.store.setHideAuthors(workshopId, hideAuthors)
    return { id: workshopId, hideAuthors }
  })

  registerRoute(app, routes.takeSeat, async ({ params, request }) => {
    const actor = await requireActor(ctx.store, request)
    const board = await boardFor(ctx, actor, params.boardId)
    if (actor.role !== 'participant')
      throw new ApiError(403, ErrorCode.forbidden, 'Only participants take a seat at a table.')
    if (!isOpenToParticipants(board)) {
      throw new ApiError(403, ErrorCode.plenaryClosed, 'The plenary is not open to participants yet.')
    }
    const seat = await ctx.store.takeSeat(board.id, actor.userId, Date.now())
    if (!seat.ok) {
      throw new ApiError(409, ErrorCode.tableFull, 'This table is full. Please choose another table.', {
        maxParticipants: seat.maxParticipants,
      })
    }
    return { boardId: board.id, seated: seat.seated, maxParticipants: seat.maxParticipants }
  })

  /** Titles and questions of the tables this token may open (projector screens pick one). */
  registerRoute(app, routes.listTables, async ({ params, request }) => {
    const actor = await requireActor(ctx.store, request)
    if (actor.workshopId !== params.workshopId)
      throw new ApiError(403, ErrorCode.forbidden, 'This token belongs to another workshop.')
    const boards = await ctx.store.listBoards(actor.workshopId)
    return {
      boards: boards
        .filter((b) => actor.boardId === null || actor.boardId === b.id)
        .map((b) => ({ id: b.id, title: b.title, question: b.question, kind: boardKindOf(b) })),
    }
  })
}

/** The per-board switch a feature contributed under this key (the API field), if installed. */
function boardSwitch(ctx: AppContext, key: string): BoardSwitch | undefined {
  return ctx.services.all(BoardSwitches).find((candidate) => candidate.key === key)
}
