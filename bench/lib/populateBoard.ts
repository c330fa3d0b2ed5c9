import { CLUSTER_TYPE, openRecords } from '@pinnwand/shared'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { SampleTexts } from '../../server/src/export/sampleBoard.ts'
import { type BoardRecord, ideaCardRecord, indexKey } from '../load/cards.ts'

const CARDS_PER_CLUSTER = 100

export interface BoardConnection {
  doc: Y.Doc
  provider: WebsocketProvider
  records: ReturnType<typeof openRecords>
  destroy(): void
}

/** A plain y-websocket client of our server in this process (for setting up, not for load). */
export async function openBoard(
  serverUrl: string,
  boardId: string,
  token: string,
  timeoutMs = 60_000,
): Promise<BoardConnection & { syncMs: number }> {
  const doc = new Y.Doc()
  const started = performance.now()
  const provider = new WebsocketProvider(`${serverUrl.replace(/^http/, 'ws')}/ws`, boardId, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as never,
    disableBc: true,
  })
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`board ${boardId} did not sync within ${timeoutMs} ms`)), timeoutMs)
    provider.once('sync', () => {
      clearTimeout(timer)
      resolve()
    })
  })
  const syncMs = performance.now() - started
  return {
    doc,
    provider,
    records: openRecords(doc),
    syncMs,
    destroy() {
      provider.destroy()
      doc.destroy()
    },
  }
}

/**
 * Fills a board the way a big workshop leaves it: `cards` idea cards (mixed-language texts of
 * the export sample) in named clusters of 100, written by the facilitator. Resolves once a
 * second client has received all of them, i.e. the server has persisted and broadcast them.
 */
export async function populateBoard(
  serverUrl: string,
  boardId: string,
  facilitatorToken: string,
  facilitatorId: string,
  cards: number,
): Promise<void> {
  const writer = await openBoard(serverUrl, boardId, facilitatorToken)
  const reader = await openBoard(serverUrl, boardId, facilitatorToken)
  try {
    const author = { userId: facilitatorId, name: 'Moderation' }
    for (let c = 0; c * CARDS_PER_CLUSTER < cards; c++) {
      const clusterId = `shape:cluster-${c}`
      const inCluster = Math.min(CARDS_PER_CLUSTER, cards - c * CARDS_PER_CLUSTER)
      writer.doc.transact(() => {
        writer.records.set(clusterId, {
          id: clusterId,
          typeName: 'shape',
          type: CLUSTER_TYPE,
          parentId: 'page:page',
          index: indexKey(c + 1),
          x: (c % 5) * 2500,
          y: Math.floor(c / 5) * 2000,
          rotation: 0,
          isLocked: false,
          opacity: 1,
          meta: { createdBy: facilitatorId },
          props: { w: 2400, h: 1900, title: `Themengruppe ${c + 1}`, color: 'light-blue' },
        } as unknown as BoardRecord)
        for (let i = 0; i < inCluster; i++) {
          const n = c * CARDS_PER_CLUSTER + i
          const id = `shape:card-${n}`
          const text = `${SampleTexts[n % SampleTexts.length]} (${n + 1})`
          const card = ideaCardRecord(id, author, text, {
            x: 20 + (i % 10) * 235,
            y: 60 + Math.floor(i / 10) * 180,
          }) as BoardRecord & { parentId: string }
          writer.records.set(id, { ...card, parentId: clusterId, index: indexKey(i + 1) } as BoardRecord)
        }
      })
    }
    const deadline = performance.now() + 120_000
    const ideaCards = () => [...reader.records.map.keys()].filter((k) => k.startsWith('shape:card-')).length
    while (ideaCards() < cards) {
      if (performance.now() > deadline) throw new Error(`only ${ideaCards()} of ${cards} cards arrived`)
      await new Promise((r) => setTimeout(r, 100))
    }
  } finally {
    writer.destroy()
    reader.destroy()
  }
}
