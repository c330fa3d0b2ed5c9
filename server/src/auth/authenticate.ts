import { ServerRoleName } from '@pinnwand/shared/roleNames'
import type { Store } from '../store/Store.ts'
import type { Actor } from './Actor.ts'
import { hashToken } from './tokens.ts'

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

/** Resolves a bearer token to the actor it stands for, or null (unknown or revoked). */
export async function authenticate(store: Store, token: string | undefined | null): Promise<Actor | null> {
  if (!token || token.length > 200) return null
  const holder = await store.findTokenHolder(hashToken(token))
  if (!holder || holder.grant.revokedAt !== null) return null
  const { grant, participant } = holder
  // Stored on cards and versions since the first release: screens translate it (shared/roleNames).
  let name: string = grant.role === 'facilitator' ? ServerRoleName.facilitator : ServerRoleName.projector
  if (grant.role === 'participant') {
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
