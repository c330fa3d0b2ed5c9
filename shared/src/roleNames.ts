/**
 * The names the server gives people without a name of their own: the facilitator and the
 * projector. They are stored wherever a name is (card authors, comments, versions, votes), so
 * they stay as they have always been; screens show the role in the viewer's language instead
 * (`displayPersonName`), so an English UI does not say "Moderation" or "Beamer".
 */
export const ServerRoleName = { facilitator: 'Moderation', projector: 'Beamer' } as const

/** User ids start with the role's letter (server `generateId`): f_… facilitator, v_… projector. */
const ID_PREFIX = { facilitator: 'f_', projector: 'v_' } as const

/**
 * The role whose server-given name this is, or null for a person's own name. With a user id,
 * the id must belong to that role too: a participant who calls herself "Moderation" keeps her name.
 */
export function serverNamedRole(name: string, userId?: string | null): 'facilitator' | 'projector' | null {
  for (const role of ['facilitator', 'projector'] as const) {
    if (name === ServerRoleName[role] && (!userId || userId.startsWith(ID_PREFIX[role]))) return role
  }
  return null
}
