import { useSession } from '../state/sessionStore.ts'

/**
 * The server's clock as seen from here: every board-state message carries the server's time at
 * sending (`serverNow`), so timers count down alike on every device, whatever its own clock says.
 * Network delay makes the estimate a few milliseconds late, which nobody sees on a countdown.
 */
export function clockOffset(serverNow: number, receivedAt: number): number {
  return serverNow - receivedAt
}

let offsetMs = 0

/** Now, on the server's clock (ms). */
export function serverTime(): number {
  return Date.now() + offsetMs
}

// Subscribed once, as soon as anything needs the server's time: zustand calls this synchronously
// when a board-state message is stored, so Date.now() here is the moment it arrived.
useSession.subscribe((state, previous) => {
  const serverNow = state.boardState?.serverNow
  if (typeof serverNow === 'number' && state.boardState !== previous.boardState) {
    offsetMs = clockOffset(serverNow, Date.now())
  }
})
