import { useEffect, useRef } from 'react'

/** When a participant's device reads its held-back cards a second time after they start being held back. */
export const READ_AGAIN_MS = 1500
export const READ_AGAIN_JITTER_MS = 1500

/**
 * A card this device sent as a shared card just before it heard that cards are held back (Stilles
 * Sammeln began, moderation was switched on) is kept by the server as this person's held-back
 * card (features/refusedIdeaCards.ts on the server), possibly after the device's first read. So
 * while `active` (a participant, connected, the feature on), one more read a moment after it
 * began or the connection came back, jittered so that a plenary does not ask in the same
 * instant. The latest `load` is used.
 */
export function useReadAgainAfterStart(active: boolean, load: () => Promise<void>): void {
  const loadRef = useRef(load)
  useEffect(() => {
    loadRef.current = load
  })
  useEffect(() => {
    if (!active) return
    const timer = setTimeout(
      () => loadRef.current().catch(() => undefined),
      READ_AGAIN_MS + Math.round(Math.random() * READ_AGAIN_JITTER_MS),
    )
    return () => clearTimeout(timer)
  }, [active])
}
