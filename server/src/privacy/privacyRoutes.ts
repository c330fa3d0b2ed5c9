import { ErrorCode } from '@pinnwand/shared'
import { REMOVED_NAME } from '@pinnwand/shared/privacyApi'
import * as routes from '@pinnwand/shared/privacyRoutes'
import type { FastifyInstance } from 'fastify'
import type { BoardVersionStore } from '../history/BoardVersionStore.ts'
import type { ParticipantNameRewrite } from '../store/participantNames.ts'
import type { Store } from '../store/Store.ts'
import type { RoomAccess } from '../sync/roomPorts.ts'
import { ApiError } from '../http/errors.ts'
import { registerRoute } from '../http/registerRoute.ts'
import { requireActor, requireWorkshopFacilitator } from '../http/requestAuth.ts'
import { removeParticipantName } from './removeParticipantName.ts'
import { retentionInfo } from '../domain/retention.ts'

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

  registerRoute(app, routes.getRetention, async ({ params, request }) => {
    const actor = await requireActor(ctx.store, request)
    requireWorkshopFacilitator(actor, params.workshopId, 'see how long the workshop is kept')
    return retentionOf(params.workshopId)
  })

  registerRoute(app, routes.setRetention, async ({ params, body, request }) => {
    const actor = await requireActor(ctx.store, request)
    const { workshopId } = params
    requireWorkshopFacilitator(actor, workshopId, 'change how long the workshop is kept')
    const { days } = body()
    await retentionOf(workshopId)
    await ctx.store.setRetentionDays(workshopId, days)
    return retentionOf(workshopId)
  })

  registerRoute(app, routes.removeParticipantName, async ({ params, request }) => {
    const actor = await requireActor(ctx.store, request)
    const { workshopId, participantId } = params
    requireWorkshopFacilitator(actor, workshopId, "remove a participant's name")
    const removal = await removeParticipantName(deps, workshopId, participantId)
    if (!removal) throw new ApiError(404, ErrorCode.notFound, 'No participant with this id in this workshop.')
    // No name in the log line: the point of the request is that the name goes.
    request.log.info({ workshopId, participantId, ...removal }, 'participant name removed')
    return { participantId, name: REMOVED_NAME, ...removal }
  })
}
