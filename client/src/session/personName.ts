import { serverNamedRole } from '@pinnwand/shared/roleNames'
import type { TFunction } from 'i18next'

/**
 * A person's name as the viewer should read it: the server calls the facilitator "Moderation"
 * and the projector "Beamer" (and stores that as their name); those become the role in the
 * viewer's language. Everyone else's own name is shown as typed.
 */
export function displayPersonName(t: TFunction, name: string, userId?: string | null): string {
  const role = serverNamedRole(name, userId)
  if (role === 'facilitator') return t('role.facilitator')
  if (role === 'projector') return t('role.projector')
  return name
}
