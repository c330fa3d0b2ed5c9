import type { FastifyRequest } from 'fastify'
import type { Actor } from '../auth/Actor.ts'
import { authenticate, extractBearerToken, isDeletedWorkshopToken } from '../auth/authenticate.ts'
import type { Store } from '../store/Store.ts'
import { forbidden, unauthorized, workshopDeleted } from './errors.ts'

export function bearerToken(request: FastifyRequest): string | null {
  return extractBearerToken(request.headers.authorization)
}

/** The request's actor, or a 401 error. */
export async function requireActor(store: Store, request: FastifyRequest): Promise<Actor> {
  const actor = await authenticate(store, bearerToken(request))
  if (!actor) {
    if (await isDeletedWorkshopToken(store, bearerToken(request))) throw workshopDeleted()
    throw unauthorized()
  }
  return actor
}

/** 403 unless the actor is a facilitator; `what` finishes "Only the facilitator can …". */
export function requireFacilitator(actor: Actor, what: string): void {
  if (actor.role !== 'facilitator') throw forbidden(`Only the facilitator can ${what}.`)
}

/** 403 unless the actor is the facilitator of this very workshop. */
export function requireWorkshopFacilitator(actor: Actor, workshopId: string, what: string): void {
  if (actor.workshopId !== workshopId) throw forbidden('This token belongs to another workshop.')
  requireFacilitator(actor, what)
}
