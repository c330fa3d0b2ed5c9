import type { HeldBackKind } from './heldBackKind.ts'

/** What became of cards made outside the "add idea" field while new cards are held back. */
export interface HeldBackNotice {
  kind: HeldBackKind
  /** Cards the server took (private, or waiting for approval). */
  sent: number
  /** Private cards kept in this device's outbox until the connection is back. */
  queued: number
  /** Cards not sent; their text is in the "add idea" field now. */
  failed: number
  /** Empty cards: nothing to keep. */
  empty: number
  /** Why the first card failed: an API error, 'offline' (the inbox needs a connection), or null. */
  cause: unknown
  /** The card tool was asked for (its button or "i"): the field took the focus instead. */
  tool: boolean
}

/** Shows a notice; set by <HeldBackToasts>, which has tldraw's toasts. */
const listener: { current: ((notice: HeldBackNotice) => void) | null } = { current: null }

export function notifyHeldBack(notice: HeldBackNotice): void {
  listener.current?.(notice)
}

/** Sets who shows the notices (one board at a time); returns a function that unsets it. */
export function listenHeldBack(show: (notice: HeldBackNotice) => void): () => void {
  listener.current = show
  return () => {
    if (listener.current === show) listener.current = null
  }
}
