import { currentRecords, ErrorCode } from '@pinnwand/shared'
import * as boardRoutes from '@pinnwand/shared/boardRoutes'
import * as ideaRoutes from '@pinnwand/shared/ideaRoutes'
import { DefaultColorStyle } from '@tldraw/tlschema'
import type { FastifyInstance } from 'fastify'
import { canWriteBoard } from '../../auth/Actor.ts'
import { buildCluster, buildIdeaCard, isCluster, listClusters, listIdeas } from '../../domain/ideas.ts'
import { reviewRecordChange } from '../../sync/recordPolicy.ts'
import { boardFor, recordPolicyContext, recordRefusalError } from '../boardAccess.ts'
import type { AppContext } from '../context.ts'
import { IdeaGates, IdeaListParts } from '../../features/coreHooks.ts'
import { ApiError, forbidden } from '../errors.ts'
import { answer, registerRoute } from '../registerRoute.ts'
import { requireActor, requireFacilitator } from '../requestAuth.ts'
import { registerMergeIdeasRoute } from './mergeIdeas.ts'

export function registerIdeaRoutes(app: FastifyInstance, ctx: AppContext): void {
  registerMergeIdeasRoute(app, ctx)
  registerRoute(app, boardRoutes.createCluster, async ({ params, body: readBody, request }) => {
    const actor = await requireActor(ctx.store, request)
    const board = await boardFor(ctx, actor, params.boardId)
    requireFacilitator(actor, 'create clusters through the API')
    const body = readBody()
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
      return { cluster: { id: cluster.id, title: cluster.props.title } }
    } finally {
      ctx.rooms.releaseIfIdle(room)
    }
  })

  registerRoute(app, ideaRoutes.createIdea, async ({ params, body: readBody, request }) => {
    const actor = await requireActor(ctx.store, request)
    const board = await boardFor(ctx, actor, params.boardId)
    if (!canWriteBoard(actor, board)) throw forbidden('Read-only access cannot add ideas.')
    const body = readBody()
    const room = await ctx.rooms.open(board.id)
    try {
      // Features may refuse the card or take it elsewhere (private phase, moderation inbox).
      for (const gate of ctx.services.all(IdeaGates)) {
        const taken = await gate({ boardId: board.id, actor, room, text: body.text.trim() })
        if (taken) return answer(202, { held: taken.heldCard })
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
      return {
        idea: { id: card.id, text: card.props.text, clusterId: body.clusterId ?? null, author: card.props.author },
      }
    } finally {
      ctx.rooms.releaseIfIdle(room)
    }
  })

  registerRoute(app, ideaRoutes.listIdeas, async ({ params, request }) => {
    const actor = await requireActor(ctx.store, request)
    const board = await boardFor(ctx, actor, params.boardId)
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
