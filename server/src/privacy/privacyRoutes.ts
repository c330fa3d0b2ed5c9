import { ErrorCode } from '@pinnwand/shared'
import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import type { BoardVersionStore } from '../history/BoardVersionStore.ts'
import type { ParticipantNameRewrite } from '../store/participantNames.ts'
import type { Store } from '../store/Store.ts'
import type { RoomAccess } from '../sync/roomPorts.ts'
import { ApiError, parseBody } from '../http/errors.ts'
import { requireActor, requireWorkshopFacilitator } from '../http/requestAuth.ts'
import { removeParticipantName } from './removeParticipantName.ts'
import { REMOVED_NAME, RETENTION_DAYS_MAX, RETENTION_DAYS_MIN, retentionInfo } from '../domain/retention.ts'

/** `days`: how long after the workshop's date it is kept; null: the server's default again. */
export const RetentionBody = z
  .object({ days: z.number().int().min(RETENTION_DAYS_MIN).max(RETENTION_DAYS_MAX).nullable() })
  .strict()

const workshopNotFound = () => new ApiError(404, ErrorCode.workshopNotFound, 'No workshop with this id.')

/**
 * Data protection: a workshop's retention (read and set by its facilitator; the server's
 * schedule deletes it on that day) and removing one participant's name from everything.
 */
export function registerPrivacyRoutes(
  app: FastifyInstance,
  deps: {
    store: Store
    rooms: RoomAccess
    versions: BoardVersionStore
    nameRewrites: readonly ParticipantNameRewrite[]
    defaultRetentionDays: number
  },
): void {
  const ctx = deps
  const retentionOf = async (workshopId: string) => {
    const workshop = await ctx.store.getWorkshop(workshopId)
    if (!workshop) throw workshopNotFound()
    return retentionInfo({ ...workshop, retentionDays: workshop.retentionDays ?? null }, deps.defaultRetentionDays)
  }

  app.get<{ Params: { workshopId: string } }>('/api/workshops/:workshopId/retention', async (request) => {
    const actor = await requireActor(ctx.store, request)
    requireWorkshopFacilitator(actor, request.params.workshopId, 'see how long the workshop is kept')
    return retentionOf(request.params.workshopId)
  })

  app.put<{ Params: { workshopId: string } }>('/api/workshops/:workshopId/retention', async (request) => {
    const actor = await requireActor(ctx.store, request)
    const { workshopId } = request.params
    requireWorkshopFacilitator(actor, workshopId, 'change how long the workshop is kept')
    const { days } = parseBody(RetentionBody, request.body)
    await retentionOf(workshopId)
    await ctx.store.setRetentionDays(workshopId, days)
    return retentionOf(workshopId)
  })

  app.post<{ Params: { workshopId: string; participantId: string } }>(
    '/api/workshops/:workshopId/participants/:participantId/remove-name',
    async (request) => {
      const actor = await requireActor(ctx.store, request)
      const { workshopId, participantId } = request.params
      requireWorkshopFacilitator(actor, workshopId, "remove a participant's name")
      const removal = await removeParticipantName(deps, workshopId, participantId)
      if (!removal) throw new ApiError(404, ErrorCode.notFound, 'No participant with this id in this workshop.')
      // No name in the log line: the point of the request is that the name goes.
      request.log.info({ workshopId, participantId, ...removal }, 'participant name removed')
      return { participantId, name: REMOVED_NAME, ...removal }
    },
  )
}
