import type { BulkAction, WorkshopStatusResponse } from '@pinnwand/shared/controlApi'
import * as routes from '@pinnwand/shared/controlRoutes'
import { callApi, routeRequest } from '@pinnwand/shared/contract/callApi'
import type { z } from 'zod'
import type { RunningServer } from '../src/createServer.ts'
import { callRoute } from './helpers/callRoute.ts'
import { ideaCard, type TestWorkshop } from './helpers/testServer.ts'

let requestCounter = 0
export const newRequestId = () => `bulk-test-${process.pid}-${++requestCounter}`

/** One bulk request; the answer's status and body, refusals included. */
export function bulk(
  url: string,
  workshop: TestWorkshop,
  action: z.input<typeof BulkAction>,
  { requestId = newRequestId(), boardIds, token }: { requestId?: string; boardIds?: string[]; token?: string } = {},
) {
  return callRoute(url, routes.runBulkAction, {
    params: { workshopId: workshop.workshopId },
    body: { action, requestId, ...(boardIds ? { boardIds } : {}) },
    token: token ?? workshop.facilitatorToken,
  })
}

export function status(url: string, workshop: TestWorkshop): Promise<WorkshopStatusResponse> {
  return callApi(
    routes.workshopStatus,
    { params: { workshopId: workshop.workshopId }, token: workshop.facilitatorToken },
    { baseUrl: url },
  )
}

/** Writes `n` idea cards onto a board (server side, as the ideas API would). Returns their ids. */
export async function addIdeas(server: RunningServer, boardId: string, n: number): Promise<string[]> {
  const cards = Array.from({ length: n }, (_, i) => ideaCard('facilitator', `Idee ${i + 1}`))
  const room = await server.rooms.open(boardId)
  await room.change((records) => {
    for (const card of cards) records.set(card.id, card)
  })
  server.rooms.releaseIfIdle(room)
  return cards.map((c) => c.id)
}

/**
 * Reads the control room's event stream: every status the server sends, in order, until closed.
 */
export function openStatusStream(url: string, workshop: TestWorkshop) {
  const received: WorkshopStatusResponse[] = []
  const controller = new AbortController()
  const done = (async () => {
    const wire = routeRequest(routes.workshopStatusStream, {
      params: { workshopId: workshop.workshopId },
      token: workshop.facilitatorToken,
    })
    const response = await fetch(`${url}${wire.path}`, { headers: wire.headers, signal: controller.signal })
    if (!response.ok || !response.body) throw new Error(`stream failed: ${response.status}`)
    const decoder = new TextDecoder()
    let buffer = ''
    for await (const chunk of response.body) {
      buffer += decoder.decode(chunk as Uint8Array, { stream: true })
      let end
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const event = buffer.slice(0, end)
        buffer = buffer.slice(end + 2)
        const data = event.split('\n').find((line) => line.startsWith('data: '))
        if (data) received.push(JSON.parse(data.slice(6)) as WorkshopStatusResponse)
      }
    }
  })().catch((error: unknown) => {
    if (!controller.signal.aborted) throw error
  })
  return {
    received,
    latest: () => received.at(-1),
    close: async () => {
      controller.abort()
      await done
    },
  }
}
