import {
  CreateClusterBody,
  CreateIdeaBody,
  currentRecords,
  ErrorCode,
  type IdeasResponse,
  type HeldIdeaResponse,
  PrivatePhaseErrorCode,
} from '@pinnwand/shared'
import { DefaultColorStyle, type TLRecord } from '@tldraw/tlschema'
import type { FastifyInstance } from 'fastify'
import type { YKeyValue } from 'y-utility/y-keyvalue'
import { type Actor, canReadBoard, canWriteBoard } from '../../auth/Actor.ts'
import { buildCluster, buildIdeaCard, isCluster, listClusters, listIdeas } from '../../domain/ideas.ts'
import type { BoardRow } from '../../store/Store.ts'
import { LOCKED_VERDICT, type PolicyContext, reviewRecordChange, type Verdict } from '../../sync/recordPolicy.ts'
import type { BoardRoom } from '../../sync/BoardRoom.ts'
import type { AppContext } from '../context.ts'
import { ApiError, forbidden, parseBody } from '../errors.ts'
import { requireActor, requireFacilitator } from '../requestAuth.ts'
import { revealedTallies, withRevealedVotes } from '../../voting/roundView.ts'
import { privatePhaseOf } from '../../privatePhase/privatePhaseRules.ts'
import { isModerated } from '../../moderation/moderationRules.ts'
import { heldCardError } from '../../moderation/moderationRoutes.ts'
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
      // The same rule as the room's guard for socket writes: during Stilles Sammeln a
      // participant's card is private (POST …/private-cards), never on the shared board.
      if (actor.role === 'participant' && privatePhaseOf(room.boardState)) {
        throw new ApiError(
          409,
          PrivatePhaseErrorCode.privatePhaseRunning,
          'The private phase runs: write your card with POST /api/boards/:boardId/private-cards.',
        )
      }
      // A moderated board: a participant's card (also through an integration's participant
      // token) waits in the facilitator's inbox; 202 with the held card, nothing on the board.
      if (actor.role === 'participant' && isModerated(room.boardState)) {
        if (room.isLockedForParticipants) throw recordRefusalError(LOCKED_VERDICT)
        const { result, card } = await ctx.moderation.add(board.id, actor, body.text.trim())
        if (result !== 'ok') throw heldCardError(result)
        return reply.code(202).send({ held: card! } satisfies HeldIdeaResponse)
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
    return { clusters, ideas: withRevealedVotes(ideas, await revealedTallies(ctx.voting.store, board.id)) }
  })
}
