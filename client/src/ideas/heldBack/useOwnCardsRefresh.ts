import { useEffect, useMemo, useRef, useSyncExternalStore } from 'react'
import type { Awareness } from 'y-protocols/awareness'
import { useBoardContext } from '../../board/BoardContext.ts'
import { useSession } from '../../state/sessionStore.ts'
import { isOtherDeviceOf, OTHER_DEVICE_DELAY_MS, ownCardsRefreshDelay } from './ownCardsRefresh.ts'

/** Whether another device of this person is on the board (re-read when people come and go, not on cursor moves). */
function useOtherDeviceOnline(awareness: Awareness, userId: string): boolean {
  const store = useMemo(
    () => ({
      subscribe(onChange: () => void) {
        awareness.on('change', onChange)
        return () => awareness.off('change', onChange)
      },
      read() {
        for (const [clientId, state] of awareness.getStates()) {
          if (isOtherDeviceOf(userId, clientId, awareness.clientID, state)) return true
        }
        return false
      },
    }),
    [awareness, userId],
  )
  return useSyncExternalStore(store.subscribe, store.read)
}

/**
 * Re-reads this participant's own held-back cards (`load`) after a change to them may have come
 * from another of their devices: `changedAt` is the section's time of the last change to anyone's
 * card. See ownCardsRefresh.ts for when. One read covers every change made while it waited.
 * `active` false: the feature does not run, nothing is read.
 */
export function useOwnCardsRefresh(active: boolean, changedAt: number | null, load: () => Promise<void>): void {
  const { session, me } = useBoardContext()
  const otherDevice = useOtherDeviceOnline(session.connection.provider.awareness, me.userId)
  const crowded = useSession((s) => (s.boardState?.crowd ?? null) !== null)
  const connected = useSession((s) => s.connection === 'connected')
  const loadRef = useRef(load)
  useEffect(() => {
    loadRef.current = load
  })
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const seen = useRef(changedAt)
  const sawOtherDevice = useRef(otherDevice)
  const enabled = active && connected && me.role === 'participant'
  useEffect(() => {
    const changed = seen.current !== changedAt
    // Another device of this person shows up (its presence may arrive after a change it made, on
    // another instance even seconds later): one read, so nothing written there is missed.
    const appeared = otherDevice && !sawOtherDevice.current
    seen.current = changedAt
    sawOtherDevice.current = otherDevice
    if (!enabled || changedAt === null || timer.current) return
    const delay = appeared ? OTHER_DEVICE_DELAY_MS : changed ? ownCardsRefreshDelay({ otherDevice, crowded }) : null
    if (delay === null) return
    timer.current = setTimeout(() => {
      timer.current = null
      // A failed read leaves the last list; the next change or reconnect reads again.
      loadRef.current().catch(() => undefined)
    }, delay)
  }, [enabled, changedAt, otherDevice, crowded])
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current)
      timer.current = null
    },
    [],
  )
  useEffect(() => {
    if (enabled || !timer.current) return
    clearTimeout(timer.current)
    timer.current = null
  }, [enabled])
}
