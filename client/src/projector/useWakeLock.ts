import { useEffect } from 'react'

/**
 * Keeps the screen on while the projector view is open (Screen Wake Lock API, where the browser
 * has it: Chromium, Safari 16.4+, Firefox 126+). The lock is dropped whenever the tab is hidden,
 * so it is asked for again each time the page becomes visible.
 */
export function useWakeLock(): void {
  useEffect(() => {
    if (!('wakeLock' in navigator)) return
    let sentinel: WakeLockSentinel | null = null
    let disposed = false
    const request = async () => {
      if (document.visibilityState !== 'visible' || (sentinel && !sentinel.released)) return
      try {
        sentinel = await navigator.wakeLock.request('screen')
        if (disposed) void sentinel.release()
      } catch {
        // Not allowed here (e.g. battery saver): the operations guide says how to keep the screen on.
      }
    }
    void request()
    document.addEventListener('visibilitychange', request)
    return () => {
      disposed = true
      document.removeEventListener('visibilitychange', request)
      void sentinel?.release()
    }
  }, [])
}
