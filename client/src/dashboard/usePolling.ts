import { useCallback, useEffect, useRef, useState } from 'react'

export interface Polled<T> {
  data: T | null
  /** The last failure; cleared by the next success. Old data stays visible meanwhile. */
  error: unknown
  refresh(): void
}

/**
 * Calls `load` now and every `intervalMs` after the previous answer (never two at once, so a
 * slow venue network does not pile up requests); pauses while the tab is hidden.
 */
export function usePolling<T>(load: (() => Promise<T>) | null, intervalMs: number): Polled<T> {
  const [data, setData] = useState<T | null>(null)
  const [error, setError] = useState<unknown>(null)
  const kick = useRef<() => void>(() => {})

  useEffect(() => {
    if (!load) return
    let stopped = false
    let timer: ReturnType<typeof setTimeout> | undefined
    let running = false
    const tick = async () => {
      if (stopped || running) return
      clearTimeout(timer)
      running = true
      try {
        const next = await load()
        if (!stopped) {
          setData(next)
          setError(null)
        }
      } catch (cause) {
        if (!stopped) setError(cause)
      } finally {
        running = false
        if (!stopped && document.visibilityState !== 'hidden') timer = setTimeout(() => void tick(), intervalMs)
      }
    }
    const onVisible = () => {
      if (document.visibilityState === 'visible') void tick()
    }
    kick.current = () => void tick()
    document.addEventListener('visibilitychange', onVisible)
    void tick()
    return () => {
      stopped = true
      clearTimeout(timer)
      document.removeEventListener('visibilitychange', onVisible)
    }
  }, [load, intervalMs])

  const refresh = useCallback(() => kick.current(), [])
  return { data, error, refresh }
}
