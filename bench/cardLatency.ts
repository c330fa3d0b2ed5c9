/**
 * Time for an idea card written by one real y-websocket client to reach a second one, through
 * our server (tick, validation, persist-before-broadcast). Prints one JSON line.
 */
import { openRecords } from '@pinnwand/shared'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { createBoard, percentile, round, startPinnwand, userIdOf } from './lib/serverProcess.ts'
import { ideaCardRecord } from './load/cards.ts'

const CARDS = Number(process.env.BENCH_CARDS ?? 300)
const INTERVAL_MS = 50

function connect(url: string, boardId: string, token: string) {
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(`${url.replace('http', 'ws')}/ws`, boardId, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as never,
    disableBc: true,
  })
  return { doc, provider, records: openRecords(doc) }
}

const synced = (p: WebsocketProvider) =>
  new Promise<void>((resolve) => (p.synced ? resolve() : p.once('sync', () => resolve())))

export async function benchCardLatency() {
  const server = await startPinnwand()
  try {
    const { boardId, token } = await createBoard(server.url)
    const userId = await userIdOf(server.url, token)
    const a = connect(server.url, boardId, token)
    const b = connect(server.url, boardId, token)
    await Promise.all([synced(a.provider), synced(b.provider)])
    const sentAt = new Map<string, number>()
    const latencies: number[] = []
    const allArrived = new Promise<void>((resolve) => {
      b.records.on('change', (changes: Map<string, unknown>) => {
        const now = performance.now()
        for (const id of changes.keys()) {
          const t = sentAt.get(id)
          if (t !== undefined) {
            latencies.push(now - t)
            sentAt.delete(id)
          }
        }
        if (latencies.length === CARDS) resolve()
      })
    })
    for (let i = 0; i < CARDS; i++) {
      const id = `shape:bench${i}`
      sentAt.set(id, performance.now())
      a.records.set(
        id,
        ideaCardRecord(id, { userId, name: 'Bench' }, `Idee ${i}`, {
          x: (i % 20) * 240,
          y: Math.floor(i / 20) * 180,
        }),
      )
      await new Promise((r) => setTimeout(r, INTERVAL_MS))
    }
    await allArrived
    latencies.sort((x, y) => x - y)
    a.provider.destroy()
    b.provider.destroy()
    return {
      bench: 'card-to-second-client',
      cards: CARDS,
      intervalMs: INTERVAL_MS,
      p50Ms: round(percentile(latencies, 50)),
      p95Ms: round(percentile(latencies, 95)),
      p99Ms: round(percentile(latencies, 99)),
      maxMs: round(latencies.at(-1)!),
      note: 'includes the SQLite append before broadcast (the tick flushes a lone edit at once, TICK_MS batches only bursts)',
    }
  } finally {
    await server.stop()
  }
}

if (import.meta.main) {
  console.log(JSON.stringify(await benchCardLatency()))
  // y-websocket leaves a timer behind after destroy(); a benchmark must end by itself.
  process.exit(0)
}
