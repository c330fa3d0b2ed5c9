import { CreateClusterBody, CreateIdeaBody, currentRecords, ErrorCode, type IdeasResponse } from '@pinnwand/shared'
import { DefaultColorStyle, type TLRecord } from '@tldraw/tlschema'
import type { FastifyInstance } from 'fastify'
import type { YKeyValue } from 'y-utility/y-keyvalue'
import { type Actor, canReadBoard, canWriteBoard } from '../../auth/Actor.ts'
import { buildCluster, buildIdeaCard, isCluster, listClusters, listIdeas } from '../../domain/ideas.ts'
import type { BoardRow } from '../../store/Store.ts'
import { LOCKED_VERDICT, type PolicyContext, reviewRecordChange, type Verdict } from '../../sync/recordPolicy.ts'
import type { BoardRoom } from '../../sync/BoardRoom.ts'
import type { AppContext } from '../context.ts'
import { IdeaGates, IdeaListParts } from '../../features/coreHooks.ts'
import { ApiError, forbidden, parseBody } from '../errors.ts'
import { requireActor, requireFacilitator } from '../requestAuth.ts'
import { registerMergeIdeasRoute } from './mergeIdeas.ts'

/** Loads the board and checks the actor may read it (404 before 403 leaks nothing useful). */
export async function boardFor(ctx: AppContext, actor: Actor, boardId: string): Promise<BoardRow> {
  const board = await ctx.store.getBoard(boardId)
  if (!board || board.workshopId !== actor.workshopId) {
    throw new ApiError(404, ErrorCode.boardNotFound, 'No board with this id.')
  }
  if (!canReadBoard(actor, board)) throw forbidden('This token does not give access to this board.')
  return board
}

/**
 * The facts the room judges socket writes with, for a write inside `room.change`: API writes
 * follow the same rules (locks, open rounds, limits, parents) as the socket.
 */
export function recordPolicyContext(room: BoardRoom, records: YKeyValue<TLRecord>): PolicyContext {
  return { locked: room.isLockedForParticipants, getRecord: (id) => records.get(id) }
}

/** A refused record write as an API error: 409 while locked, 403 for ownership, else 400. */
export function recordRefusalError(verdict: NonNullable<Verdict>): ApiError {
  if (verdict === LOCKED_VERDICT) {
    return new ApiError(409, ErrorCode.boardLocked, 'The board is locked (or a voting round is open).')
  }
  if (/^(only |read-only|another user)/.test(verdict)) return forbidden(`Not allowed: ${verdict}.`)
  return new ApiError(400, ErrorCode.validationFailed, verdict)
}

export function registerIdeaRoutes(app: FastifyInstance, ctx: AppContext): void {
  registerMergeIdeasRoute(app, ctx)
  app.post<{ Params: { boardId: string } }>('/api/boards/:boardId/clusters', async (request, reply) => {
    const actor = await requireActor(ctx.store, request)
    const board = await boardFor(ctx, actor, request.params.boardId)
    requireFacilitator(actor, 'create clusters through the API')
    const body = parseBody(CreateClusterBody, request.body)
    const color = body.color ?? 'light-blue'
    if (!(DefaultColorStyle.values as readonly string[]).includes(color)) {
      throw new ApiError(400, ErrorCode.validationFailed, `Unknown colour ${color}.`)
    }
    const room = await ctx.rooms.open(board.id)
    try {
      let cluster!: ReturnType<typeof buildCluster>
      await room.change((records) => {
        cluster = buildCluster(currentRecords(records), body.title, color, actor)
        const change = { id: cluster.id, before: undefined, after: cluster }
        const refused = reviewRecordChange(actor, change, ctx.schema, recordPolicyContext(room, records))
        if (refused) throw recordRefusalError(refused)
        records.set(cluster.id, cluster)
      })
      return reply.code(201).send({ cluster: { id: cluster.id, title: cluster.props.title } })
    } finally {
      ctx.rooms.releaseIfIdle(room)
    }
  })

  app.post<{ Params: { boardId: string } }>('/api/boards/:boardId/ideas', async (request, reply) => {
    const actor = await requireActor(ctx.store, request)
    const board = await boardFor(ctx, actor, request.params.boardId)
    if (!canWriteBoard(actor, board)) throw forbidden('Read-only access cannot add ideas.')
    const body = parseBody(CreateIdeaBody, request.body)
    const room = await ctx.rooms.open(board.id)
    try {
      // Features may refuse the card or take it elsewhere (private phase, moderation inbox).
      for (const gate of ctx.services.all(IdeaGates)) {
        const answer = await gate({ boardId: board.id, actor, room, text: body.text.trim() })
        if (answer) return reply.code(answer.status).send(answer.body)
      }
      let card!: ReturnType<typeof buildIdeaCard>
      await room.change((records) => {
        let cluster = null
        if (body.clusterId !== undefined) {
          const target = records.get(body.clusterId)
          if (!target || !isCluster(target)) {
            throw new ApiError(422, 'cluster_not_found', 'No cluster with this id on this board.')
          }
          cluster = target
        }
        card = buildIdeaCard(currentRecords(records), body.text, actor, cluster)
        const change = { id: card.id, before: undefined, after: card }
        const refused = reviewRecordChange(actor, change, ctx.schema, recordPolicyContext(room, records))
        if (refused) throw recordRefusalError(refused)
        records.set(card.id, card)
      })
      return reply.code(201).send({
        idea: { id: card.id, text: card.props.text, clusterId: body.clusterId ?? null, author: card.props.author },
      })
    } finally {
      ctx.rooms.releaseIfIdle(room)
    }
  })

  app.get<{ Params: { boardId: string } }>('/api/boards/:boardId/ideas', async (request): Promise<IdeasResponse> => {
    const actor = await requireActor(ctx.store, request)
    const board = await boardFor(ctx, actor, request.params.boardId)
    const room = await ctx.rooms.open(board.id)
    let ideas
    let clusters
    try {
      const records = currentRecords(room.records)
      ideas = listIdeas(records)
      clusters = listClusters(records)
    } finally {
      ctx.rooms.releaseIfIdle(room)
    }
    for (const part of ctx.services.all(IdeaListParts)) ideas = await part(board.id, ideas)
    return { clusters, ideas }
  })
}
