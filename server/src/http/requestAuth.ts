import type { FastifyRequest } from 'fastify'
import type { Actor } from '../auth/Actor.ts'
import { authenticate } from '../auth/authenticate.ts'
import type { Store } from '../store/Store.ts'
import { unauthorized } from './errors.ts'

export function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization
  if (!header) return null
  const match = /^Bearer\s+(\S+)$/i.exec(header)
  return match?.[1] ?? null
}

/** The request's actor, or a 401 error. */
export async function requireActor(store: Store, request: FastifyRequest): Promise<Actor> {
  const actor = await authenticate(store, bearerToken(request))
  if (!actor) throw unauthorized()
  return actor
}
