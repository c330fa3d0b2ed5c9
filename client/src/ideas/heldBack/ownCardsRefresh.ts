/**
 * A participant's own private or waiting cards live on the server, not in the board document, so
 * a second device of the same person (phone and laptop) learns of a card written on the first only
 * by reading them again. The board-state sections say only *that* someone's card changed
 * (`changedAt`), never whose — so re-reading on every change would cost 300 requests per card in
 * a plenary. This decides when a device re-reads after such a change.
 */

/** Re-read soon after a change while another device of this person is on the board. */
export const OTHER_DEVICE_DELAY_MS = 300

/**
 * In a crowd the server sends only a few people's presence, so another device of this person may
 * be there unseen: re-read at most this often (plus up to `CROWD_JITTER_MS`, so a whole plenary
 * does not ask in the same second).
 */
export const CROWD_DELAY_MS = 8000
export const CROWD_JITTER_MS = 4000

/** Whether an awareness state (untrusted: another browser wrote it) is another device of `userId`. */
export function isOtherDeviceOf(userId: string, clientId: number, selfClientId: number, state: unknown): boolean {
  if (clientId === selfClientId || typeof state !== 'object' || state === null) return false
  const user = (state as { user?: unknown }).user
  return typeof user === 'object' && user !== null && (user as { id?: unknown }).id === userId
}

/**
 * How long after a change this device waits before re-reading its person's cards, or null when it
 * need not: another device of the same person is seen (soon); the board is crowded and presence
 * incomplete (seldom, jittered); otherwise nobody else can have written this person's cards, and
 * this device's own writes update its list directly.
 */
export function ownCardsRefreshDelay(
  { otherDevice, crowded }: { otherDevice: boolean; crowded: boolean },
  random: () => number = Math.random,
): number | null {
  if (otherDevice) return OTHER_DEVICE_DELAY_MS
  if (crowded) return CROWD_DELAY_MS + Math.round(random() * CROWD_JITTER_MS)
  return null
}
