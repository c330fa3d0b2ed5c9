import type { BulkActionResponse, WorkshopStatusResponse } from '@pinnwand/shared/controlApi'
import type { RunningServer } from '../src/createServer.ts'
import { api, type ApiResponse, ideaCard, type TestWorkshop } from './helpers/testServer.ts'

let requestCounter = 0
export const newRequestId = () => `bulk-test-${process.pid}-${++requestCounter}`

export function bulk(
  url: string,
  workshop: TestWorkshop,
  action: Record<string, unknown>,
  { requestId = newRequestId(), boardIds, token }: { requestId?: string; boardIds?: string[]; token?: string } = {},
): Promise<ApiResponse<BulkActionResponse>> {
  return api(url, 'POST', `/api/workshops/${workshop.workshopId}/bulk`, {
    token: token ?? workshop.facilitatorToken,
    body: { action, requestId, ...(boardIds ? { boardIds } : {}) },
  })
}

export async function status(url: string, workshop: TestWorkshop): Promise<WorkshopStatusResponse> {
  const res = await api<WorkshopStatusResponse>(url, 'GET', `/api/workshops/${workshop.workshopId}/status`, {
    token: workshop.facilitatorToken,
  })
  if (res.status !== 200) throw new Error(`status failed: ${res.status} ${JSON.stringify(res.body)}`)
  return res.body
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
    const response = await fetch(`${url}/api/workshops/${workshop.workshopId}/status/stream`, {
      headers: { authorization: `Bearer ${workshop.facilitatorToken}` },
      signal: controller.signal,
    })
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
