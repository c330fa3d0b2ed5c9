import type { WorkshopStatusResponse } from '@pinnwand/shared/controlApi'
import { useEffect, useState } from 'react'
import { fetchWorkshopStatus, streamWorkshopStatus } from './controlApi.ts'

/** Reconnecting after a dropped stream: venue Wi-Fi comes back within seconds, usually. */
const RETRY_MS = 3000

export interface LiveStatus {
  status: WorkshopStatusResponse | null
  /** Server clock minus ours (ms): time left is computed on the server's clock. */
  clockOffset: number
  /** The stream is down and the status may be old. */
  stale: boolean
}

/**
 * Every table's live status for the control room: pushed by the server as it changes (on any
 * instance), reconnecting after a drop; a plain read fills the gap while reconnecting.
 */
export function useWorkshopStatus(workshopId: string, token: string | null): LiveStatus {
  const [live, setLive] = useState<LiveStatus>({ status: null, clockOffset: 0, stale: false })
  useEffect(() => {
    if (!token) return
    const controller = new AbortController()
    const accept = (status: WorkshopStatusResponse) =>
      setLive({ status, clockOffset: status.serverNow - Date.now(), stale: false })
    const run = async () => {
      while (!controller.signal.aborted) {
        try {
          await streamWorkshopStatus(workshopId, token, accept, controller.signal)
        } catch {
          if (controller.signal.aborted) return
        }
        setLive((current) => ({ ...current, stale: true }))
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS))
        if (controller.signal.aborted) return
        await fetchWorkshopStatus(workshopId, token)
          .then(accept)
          .catch(() => undefined)
      }
    }
    void run()
    return () => controller.abort()
  }, [workshopId, token])
  return live
}
