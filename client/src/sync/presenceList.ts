export interface PresenceEntry {
  userId: string
  name: string
  color: string
  role: string
  isSelf: boolean
}

const MAX_NAME = 60

/**
 * Who is on the board, from awareness states (untrusted: other browsers wrote them). One entry
 * per person even with two tabs open; the facilitator first, then by name; projectors, which
 * nobody needs to see in the list, left out.
 */
export function presenceList(
  states: ReadonlyMap<number, unknown>,
  selfClientId: number,
  language = 'de',
): PresenceEntry[] {
  const byUser = new Map<string, PresenceEntry>()
  for (const [clientId, state] of states) {
    if (typeof state !== 'object' || state === null) continue
    const user = (state as { user?: unknown }).user
    if (typeof user !== 'object' || user === null) continue
    const { id, name, color, role } = user as Record<string, unknown>
    if (typeof id !== 'string' || typeof name !== 'string') continue
    if (role === 'projector') continue
    const isSelf = clientId === selfClientId
    const previous = byUser.get(id)
    byUser.set(id, {
      userId: id,
      name: name.slice(0, MAX_NAME),
      color: typeof color === 'string' && /^#[0-9a-f]{6}$/i.test(color) ? color : '#1971c2',
      role: typeof role === 'string' ? role : 'participant',
      isSelf: isSelf || (previous?.isSelf ?? false),
    })
  }
  const collator = new Intl.Collator(language)
  return [...byUser.values()].sort(
    (a, b) => Number(b.role === 'facilitator') - Number(a.role === 'facilitator') || collator.compare(a.name, b.name),
  )
}
