import type { CreateWorkshopResponse } from '@pinnwand/shared/api'
import { deviceStorage, type KeyValueStorage } from './deviceStorage.ts'

const originKey = (workshopId: string) => `pinnwand-public-origin:${workshopId}`
const createdKey = (workshopId: string) => `pinnwand-just-created:${workshopId}`

/**
 * Remembers, from the creation answer, the origin the server calls public (PUBLIC_URL): QR codes
 * must point there, not at `localhost` where the facilitator may have opened the app.
 * Also marks the workshop as new, so its dashboard greets the facilitator with the secret link.
 */
export function rememberCreatedWorkshop(
  created: CreateWorkshopResponse,
  storage: KeyValueStorage = deviceStorage,
): void {
  try {
    storage.setItem(originKey(created.workshop.id), new URL(created.links.participant).origin)
  } catch {
    // A relative or odd link: fall back to the page's own origin later.
  }
  storage.setItem(createdKey(created.workshop.id), '1')
}

/** The origin participant links should use for this workshop. */
export function publicOrigin(workshopId: string, storage: KeyValueStorage = deviceStorage): string {
  return storage.getItem(originKey(workshopId)) ?? location.origin
}

/** True once, right after creation (the dashboard shows the "keep this link" notice open). */
export function takeJustCreated(workshopId: string, storage: KeyValueStorage = deviceStorage): boolean {
  const created = storage.getItem(createdKey(workshopId)) === '1'
  storage.removeItem(createdKey(workshopId))
  return created
}

/** Phones on the venue Wi-Fi cannot reach an address that means "this computer". */
export function isLoopbackOrigin(origin: string): boolean {
  try {
    const host = new URL(origin).hostname
    return host === 'localhost' || host === '::1' || host === '[::1]' || host.startsWith('127.')
  } catch {
    return false
  }
}

/** The private dashboard link: whoever has it runs the workshop. */
export function facilitatorLink(workshopId: string, token: string, origin = location.origin): string {
  return `${origin}/w/${encodeURIComponent(workshopId)}?token=${encodeURIComponent(token)}`
}
