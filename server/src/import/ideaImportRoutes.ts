import { currentRecords } from '@pinnwand/shared'
import { checkImportRows, IdeaImportErrorCode, parseIdeaImport } from '@pinnwand/shared/ideaImport'
import * as routes from '@pinnwand/shared/importRoutes'
import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../http/context.ts'
import { ApiError } from '../http/errors.ts'
import { registerRoute } from '../http/registerRoute.ts'
import { requireActor, requireFacilitator } from '../http/requestAuth.ts'
import { boardFor, recordPolicyContext, recordRefusalError } from '../http/boardAccess.ts'
import { reviewRecordChange } from '../sync/recordPolicy.ts'
import { type IdeaImportPlan, planIdeaImport } from './planIdeaImport.ts'

/**
 * 500 ideas of 2,000 characters with cluster names, in UTF-8 (up to 4 bytes a character), are
 * more than the API's usual body limit; the parser's own limits apply after that.
 */
const IMPORT_BODY_LIMIT = 6 * 1024 * 1024

/**
 * `POST /api/boards/:boardId/ideas/import` (facilitator): pasted text or `{ ideas }` become idea
 * cards in one server transaction — every open copy of the board receives them as one update.
 */
export function registerIdeaImportRoutes(app: FastifyInstance, ctx: AppContext): void {
  registerRoute(
    app,
    routes.importIdeas,
    async ({ params, body: readBody, request }) => {
      const actor = await requireActor(ctx.store, request)
      const board = await boardFor(ctx, actor, params.boardId)
      requireFacilitator(actor, 'import ideas')
      const body = readBody()
      const parsed = 'text' in body ? parseIdeaImport(body.text, body.format) : checkImportRows(body.ideas)
      if (!parsed.ok) {
        throw new ApiError(422, parsed.code, parsed.message, { count: parsed.count, limit: parsed.limit })
      }
      if (parsed.ideas.length === 0) {
        throw new ApiError(
          422,
          IdeaImportErrorCode.nothingToImport,
          parsed.problems.length > 0
            ? `Nothing to import: every row has a problem (${parsed.problems[0]!.message})`
            : 'Nothing to import: the list is empty.',
          { problems: parsed.problems },
        )
      }
      const room = await ctx.rooms.open(board.id)
      try {
        let plan!: IdeaImportPlan
        await room.change((records) => {
          plan = planIdeaImport(currentRecords(records), parsed.ideas, actor)
          // Everything is checked before anything is written: all of it or nothing. The rules are
          // the socket's; a card's new cluster counts as on the board already.
          const planned = new Map(plan.records.map((record) => [record.id as string, record]))
          const context = recordPolicyContext(room, records)
          const policy = { ...context, getRecord: (id: string) => planned.get(id) ?? context.getRecord?.(id) }
          for (const record of plan.records) {
            const change = { id: record.id, before: records.get(record.id), after: record }
            const refused = reviewRecordChange(actor, change, ctx.schema, policy)
            if (refused) throw recordRefusalError(refused)
          }
          for (const record of plan.records) records.set(record.id, record)
        })
        request.log.info(
          { boardId: board.id, ideas: plan.ideaIds.length, clusters: plan.clusters.length },
          'ideas imported',
        )
        return {
          created: plan.ideaIds.length,
          ideaIds: plan.ideaIds,
          clusters: plan.clusters,
          problems: parsed.problems,
        }
      } finally {
        ctx.rooms.releaseIfIdle(room)
      }
    },
    { fastify: { bodyLimit: IMPORT_BODY_LIMIT } },
  )
}
