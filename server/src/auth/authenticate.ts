import type { Store } from '../store/Store.ts'
import type { Actor } from './Actor.ts'
import { hashToken } from './tokens.ts'

const FACILITATOR_NAME = 'Moderation'

/**
 * The token of an `Authorization` header, the one way every caller reads it: the scheme is
 * case-insensitive and surrounding whitespace is ignored (RFC 9110), so the rate limiter and
 * authentication can never disagree about whose request it is.
 */
export function extractBearerToken(header: string | string[] | undefined): string | null {
  if (typeof header !== 'string') return null
  const match = /^\s*bearer\s+(\S+)\s*$/i.exec(header)
  return match?.[1] ?? null
}

const PROJECTOR_NAME = 'Beamer'

/** Resolves a bearer token to the actor it stands for, or null (unknown or revoked). */
export async function authenticate(store: Store, token: string | undefined | null): Promise<Actor | null> {
  if (!token || token.length > 200) return null
  const grant = await store.findToken(hashToken(token))
  if (!grant || grant.revokedAt !== null) return null
  let name = grant.role === 'facilitator' ? FACILITATOR_NAME : PROJECTOR_NAME
  if (grant.role === 'participant') {
    const participant = await store.getParticipant(grant.subjectId)
    if (!participant || participant.revokedAt !== null) return null
    name = participant.name
  }
  return { role: grant.role, workshopId: grant.workshopId, boardId: grant.boardId, userId: grant.subjectId, name }
}

/** True when the token belonged to a workshop that has since been deleted (a tombstone). */
export async function isDeletedWorkshopToken(store: Store, token: string | undefined | null): Promise<boolean> {
  if (!token || token.length > 200) return false
  return (await store.findDeletedWorkshop({ tokenHash: hashToken(token) })) !== null
}
