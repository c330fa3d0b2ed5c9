import type { BulkAction, BulkActionResponse, WorkshopStatusResponse } from '@pinnwand/shared/controlApi'
import * as routes from '@pinnwand/shared/controlRoutes'
import { callApi, routeRequest } from '@pinnwand/shared/contract/callApi'

export function fetchWorkshopStatus(workshopId: string, token: string): Promise<WorkshopStatusResponse> {
  return callApi(routes.workshopStatus, { params: { workshopId }, token })
}

/** One action on the chosen tables (all when `boardIds` is absent); the answer says per table. */
export function runBulkAction(
  workshopId: string,
  token: string,
  action: BulkAction,
  requestId: string,
  boardIds?: string[],
): Promise<BulkActionResponse> {
  return callApi(routes.runBulkAction, {
    params: { workshopId },
    body: { action, requestId, ...(boardIds ? { boardIds } : {}) },
    token,
  })
}

/** A new read-only link for the workshop projector (one screen for every table). */
export function createWorkshopProjectorToken(workshopId: string, token: string): Promise<{ projectorToken: string }> {
  return callApi(routes.createWorkshopProjectorToken, { params: { workshopId }, token })
}

/**
 * Reads the server-sent status stream until `signal` aborts or the connection ends (then it
 * resolves, and the caller reconnects). fetch, not EventSource: the token goes in a header,
 * never into an address that proxies log.
 */
export async function streamWorkshopStatus(
  workshopId: string,
  token: string,
  onStatus: (status: WorkshopStatusResponse) => void,
  signal: AbortSignal,
): Promise<void> {
  // Read as it arrives: callApi would wait for the whole answer, which never ends.
  const wire = routeRequest(routes.workshopStatusStream, { params: { workshopId }, token })
  const response = await fetch(wire.path, { method: wire.method, headers: wire.headers, signal })
  if (!response.ok || !response.body) throw new Error(`status stream: ${response.status}`)
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader()
  let buffer = ''
  for (;;) {
    const { value, done } = await reader.read()
    if (done) return
    buffer += value
    let end
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const event = buffer.slice(0, end)
      buffer = buffer.slice(end + 2)
      const data = event.split('\n').find((line) => line.startsWith('data: '))
      if (data) onStatus(JSON.parse(data.slice(6)) as WorkshopStatusResponse)
    }
  }
}
