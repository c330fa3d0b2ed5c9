import { boardKindOf, ErrorCode } from '@pinnwand/shared'
import type { BulkTableResult } from '@pinnwand/shared/controlApi'
import * as routes from '@pinnwand/shared/controlRoutes'
import type { FastifyInstance } from 'fastify'
import { PassThrough } from 'node:stream'
import { generateId, generateToken, hashToken } from '../auth/tokens.ts'
import { rateLimited } from '../http/abuseGuards.ts'
import type { AppContext } from '../http/context.ts'
import { BoardTimers } from '../facilitation/facilitationService.ts'
import { VotingRounds } from '../voting/votingService.ts'
import { ApiError } from '../http/errors.ts'
import { registerRoute } from '../http/registerRoute.ts'
import { requireActor, requireFacilitator, requireWorkshopFacilitator } from '../http/requestAuth.ts'
import { boardFor } from '../http/boardAccess.ts'
import { TokenBuckets } from '../limits/TokenBucket.ts'
import { effectiveStatus } from '../voting/votingRules.ts'
import { BoardMessages } from './BoardMessages.ts'
import { takenKey, tableRequest } from './bulkActions.ts'
import { doneContext } from './tableStatus.ts'
import { loadWorkshopStatus, WorkshopStatusHub } from './WorkshopStatus.ts'

/** A retry comes within minutes; after this a request id may act again. */
const TAKEN_TTL_MS = 60 * 60 * 1000
/** An idle stream still says it is alive (proxies close silent connections). */
const HEARTBEAT_MS = 20_000
/** Bulk requests per workshop on one instance: a few clicks in a row, not a flood. */
const BULK_PER_SECOND = 1
const BULK_BURST = 10

/**
 * The control room (issue 16): the status of every table, live, and actions on many tables at
 * once. A bulk action is one request per table through that table's own route (same rules,
 * same events for its participants); one table refusing does not stop the others.
 */
export function registerControlRoutes(app: FastifyInstance, ctx: AppContext): () => void {
  const votingRounds = ctx.services.get(VotingRounds)
  const sources = { store: ctx.store, timers: ctx.services.get(BoardTimers), voting: votingRounds, rooms: ctx.rooms }
  const hub = new WorkshopStatusHub(sources, ctx.logger.child({ component: 'control' }))
  const bulkBuckets = new TokenBuckets(BULK_PER_SECOND, BULK_BURST)
  // Open streams end when the server shuts down: an HTTP server waits for busy connections, and
  // a dashboard left open would hold a graceful shutdown forever.
  const streams = new Set<() => void>()
  app.addHook('preClose', async () => {
    for (const end of [...streams]) end()
  })
  const messages = new BoardMessages(ctx.rooms, ctx.store, ctx.logger.child({ component: 'messages' }))

  registerRoute(app, routes.workshopStatus, async ({ params, request }) => {
    const actor = await requireActor(ctx.store, request)
    requireWorkshopFacilitator(actor, params.workshopId, 'see the control room')
    return loadWorkshopStatus(sources, actor.workshopId)
  })

  // Server-sent events: a stream that stays open, ended by the caller or at shutdown.
  registerRoute(app, routes.workshopStatusStream, async ({ params, request, reply }) => {
    const actor = await requireActor(ctx.store, request)
    requireWorkshopFacilitator(actor, params.workshopId, 'see the control room')
    reply.headers({
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-accel-buffering': 'no',
    })
    const events = new PassThrough()
    events.write(': control room\n\n')
    const unsubscribe = hub.subscribe(actor.workshopId, (status) => {
      events.write(`event: status\ndata: ${JSON.stringify(status)}\n\n`)
    })
    const heartbeat = setInterval(() => events.write(': ping\n\n'), HEARTBEAT_MS)
    heartbeat.unref()
    const end = () => {
      if (!streams.delete(end)) return
      clearInterval(heartbeat)
      unsubscribe()
      events.end()
    }
    streams.add(end)
    request.raw.on('close', end)
    events.on('close', end)
    return events
  })

  /** A short message on every device of one board (the bulk action sends it to many). */
  registerRoute(app, routes.sendBoardMessage, async ({ params, body: readBody, request }) => {
    const actor = await requireActor(ctx.store, request)
    const board = await boardFor(ctx, actor, params.boardId)
    requireFacilitator(actor, 'send a message to a table')
    const body = readBody()
    const outcome = await messages.send(board, body)
    if (!outcome.ok) throw new ApiError(409, outcome.code, 'This workshop has no plenary board to bring everyone to.')
    return { message: outcome.message }
  })

  /** "Ich bin fertig": a participant is done with the board's current task (or takes it back). */
  const doneContextOf = async (board: { id: string; phase: string }) => {
    const now = Date.now()
    const open = (await votingRounds.listRounds(board.id)).find((r) => effectiveStatus(r, now) === 'open')
    return doneContext(board.phase, open?.id ?? null)
  }
  registerRoute(app, routes.setDone, async ({ params, body, request }) => {
    const actor = await requireActor(ctx.store, request)
    const board = await boardFor(ctx, actor, params.boardId)
    if (actor.role !== 'participant')
      throw new ApiError(403, ErrorCode.forbidden, 'Only participants say they are done.')
    const { done } = body()
    const context = await doneContextOf(board)
    if (!context)
      throw new ApiError(409, ErrorCode.nothingToFinish, 'The board is neither collecting ideas nor voting right now.')
    await ctx.store.setDone(board.id, context, { id: actor.userId, name: actor.name }, done, Date.now())
    hub.poke(board.workshopId)
    return { done, context }
  })
  registerRoute(app, routes.getDone, async ({ params, request }) => {
    const actor = await requireActor(ctx.store, request)
    const board = await boardFor(ctx, actor, params.boardId)
    const context = await doneContextOf(board)
    if (!context) return { done: false, context }
    const done = (await ctx.store.listDone(board.id, context)).some((p) => p.id === actor.userId)
    return { done, context }
  })

  /** The workshop-wide projector (one screen for every table): a new read-only link. */
  registerRoute(app, routes.createWorkshopProjectorToken, async ({ params, request }) => {
    const actor = await requireActor(ctx.store, request)
    requireWorkshopFacilitator(actor, params.workshopId, 'create projector links')
    const projectorToken = generateToken()
    await ctx.store.addToken(hashToken(projectorToken), {
      role: 'projector',
      workshopId: actor.workshopId,
      boardId: null,
      subjectId: generateId('v'),
      revokedAt: null,
    })
    return { projectorToken }
  })

  registerRoute(app, routes.runBulkAction, async ({ params, body: readBody, request }) => {
    const actor = await requireActor(ctx.store, request)
    const { workshopId } = params
    requireWorkshopFacilitator(actor, workshopId, 'act on several tables')
    const body = readBody()
    const verdict = bulkBuckets.take(workshopId, performance.now())
    if (!verdict.ok) throw rateLimited(verdict.retryAfterMs, 'Too many actions on all tables at once')
    const boards = await ctx.store.listBoards(workshopId)
    const tables = new Set(boards.map((b) => b.id))
    // "All tables" are the theme tables; the plenary is acted on only when named.
    const chosen = body.boardIds
      ? [...new Set(body.boardIds)]
      : boards.filter((b) => boardKindOf(b) === 'table').map((b) => b.id)
    const results: BulkTableResult[] = []
    for (const boardId of chosen) {
      results.push(await actOnTable(boardId, tables.has(boardId)))
    }
    hub.poke(workshopId)
    request.log.info(
      { workshopId, action: body.action.type, taken: results.filter((r) => r.ok).length, tables: results.length },
      'bulk action',
    )
    return { requestId: body.requestId, results }

    async function actOnTable(boardId: string, ofThisWorkshop: boolean): Promise<BulkTableResult> {
      if (!ofThisWorkshop) {
        return {
          boardId,
          ok: false,
          status: 404,
          error: { code: ErrorCode.notFound, message: 'No table with this id in this workshop.' },
        }
      }
      const key = takenKey(workshopId, body.requestId, boardId)
      if (await ctx.rooms.getSharedValue(key).catch(() => null))
        return { boardId, ok: true, status: 200, repeated: true }
      const rounds = await votingRounds.listRounds(boardId)
      const now = Date.now()
      const latest = rounds.find((r) => effectiveStatus(r, now) === 'open') ?? rounds.at(-1)
      const planned = tableRequest(
        body.action,
        boardId,
        latest ? { id: latest.id, status: effectiveStatus(latest, now) } : null,
      )
      if ('refused' in planned) return planned.refused
      const answer = await app.inject({
        method: planned.method,
        url: planned.url,
        headers: { authorization: request.headers.authorization ?? '', 'content-type': 'application/json' },
        payload: JSON.stringify(planned.body),
      })
      const ok = answer.statusCode >= 200 && answer.statusCode < 300
      if (!ok) return { boardId, ok, status: answer.statusCode, error: errorOf(answer.body) }
      await ctx.rooms
        .setSharedValue(key, '1', TAKEN_TTL_MS)
        .catch((error: unknown) => request.log.warn({ err: error, boardId }, 'bulk result not remembered'))
      return { boardId, ok, status: answer.statusCode }
    }
  })

  return () => hub.stop()
}

function errorOf(body: string): { code: string; message: string } {
  try {
    const parsed = JSON.parse(body) as { error?: { code?: unknown; message?: unknown } }
    if (typeof parsed.error?.code === 'string')
      return { code: parsed.error.code, message: String(parsed.error.message ?? '') }
  } catch {
    // Not JSON: said below.
  }
  return { code: 'table_failed', message: 'The table did not answer as expected.' }
}
