import { stripTokenFromAddress } from './boardToken.ts'
import { identityStore as defaultIdentities, type IdentityStore } from './identityStore.ts'

/**
 * The facilitator token of a workshop: from the private link (then kept on this device and taken
 * out of the address bar, which projectors and screen shares show), else the one kept earlier.
 */
export function resolveFacilitatorToken(
  workshopId: string,
  url: URL = new URL(location.href),
  identities: IdentityStore = defaultIdentities,
): string | null {
  const fromUrl = url.searchParams.get('token')
  if (fromUrl) {
    identities.saveFacilitatorToken(workshopId, fromUrl)
    stripTokenFromAddress()
    return fromUrl
  }
  return identities.facilitatorToken(workshopId)
}
