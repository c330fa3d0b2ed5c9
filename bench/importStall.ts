/**
 * How much a large board import stalls everyone else: while a facilitator imports a backup of
 * ~33,500 cards (~19 MB of JSON), `/healthz` is polled back to back and a live card goes from
 * one y-websocket client to another on a different board every 50 ms. Prints one JSON line:
 * the import's duration, the longest `/healthz` answer and the card latency during the import.
 */
import { IDEA_CARD_TYPE, openRecords } from '@pinnwand/shared'
import { callApi, routeRequest } from '@pinnwand/shared/contract/callApi'
import { exportBoard } from '@pinnwand/shared/exportRoutes'
import { importBoard } from '@pinnwand/shared/importRoutes'
import { getMe } from '@pinnwand/shared/systemRoutes'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { postIdea } from './lib/api.ts'
import { ideaCardRecord } from './load/cards.ts'
import { createWorkshop, startPinnwand } from './lib/serverProcess.ts'
import { round, summarize } from './lib/stats.ts'

const CARDS = Number(process.env.BENCH_IMPORT_CARDS ?? (process.env.BENCH_QUICK ? 500 : 33_500))
const CARD_INTERVAL_MS = 50

type ExportFile = { document: { records: Record<string, unknown>[] } } & Record<string, unknown>

/** An export of a real board with one card, that card copied `cards` times (new ids, places). */
async function buildBackup(url: string, boardId: string, token: string, cards: number): Promise<string> {
  await postIdea(url, boardId, token, 'Vorlage')
  const file = await callApi(exportBoard, { params: { boardId }, query: { format: 'json' }, token }, { baseUrl: url })
  const backup = JSON.parse(await file.text()) as ExportFile
  const records = backup.document.records
  const template = records.find((r) => r.type === IDEA_CARD_TYPE)!
  const others = records.filter((r) => r !== template)
  const copies = Array.from({ length: cards }, (_, i) => ({
    ...template,
    id: `shape:import${i}`,
    index: `a1${i.toString(36).padStart(4, '0')}V`,
    x: (i % 200) * 240,
    y: Math.floor(i / 200) * 180,
    props: {
      ...(template.props as Record<string, unknown>),
      text: `Idee ${i}: mehr Sitzbänke am Marktplatz`,
    },
  }))
  // Cards exported with a ranking or shortlist would point at the template; the report stays as exported.
  backup.document.records = [...others, ...copies]
  return JSON.stringify(backup, null, 2)
}

const synced = (p: WebsocketProvider) =>
  new Promise<void>((resolve) => (p.synced ? resolve() : p.once('sync', () => resolve())))

function connect(url: string, boardId: string, token: string) {
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(`${url.replace('http', 'ws')}/ws`, boardId, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as never,
    disableBc: true,
  })
  return { doc, provider, records: openRecords(doc) }
}

export async function benchImportStall() {
  const server = await startPinnwand()
  try {
    const workshop = await createWorkshop(server.url, 2)
    const token = workshop.facilitatorToken
    const [sourceBoard, liveBoard] = workshop.boardIds as [string, string]
    const body = await buildBackup(server.url, sourceBoard, token, CARDS)
    const me = await callApi(getMe, { token }, { baseUrl: server.url })

    // Another board in use: one card every 50 ms from a to b.
    const a = connect(server.url, liveBoard, token)
    const b = connect(server.url, liveBoard, token)
    await Promise.all([synced(a.provider), synced(b.provider)])
    const sentAt = new Map<string, number>()
    const cardLatencies: { at: number; ms: number }[] = []
    b.records.on('change', (changes: Map<string, unknown>) => {
      const now = performance.now()
      for (const id of changes.keys()) {
        const t = sentAt.get(id)
        if (t === undefined) continue
        cardLatencies.push({ at: t, ms: now - t })
        sentAt.delete(id)
      }
    })
    let stop = false
    let card = 0
    const writing = (async () => {
      while (!stop) {
        const id = `shape:live${card++}`
        sentAt.set(id, performance.now())
        a.records.set(
          id,
          ideaCardRecord(id, me, `Live ${card}`, { x: (card % 20) * 240, y: Math.floor(card / 20) * 180 }),
        )
        await new Promise((r) => setTimeout(r, CARD_INTERVAL_MS))
      }
    })()
    // /healthz back to back (10 ms apart): the longest answer is the longest stall.
    const health: { at: number; ms: number }[] = []
    const polling = (async () => {
      while (!stop) {
        const t = performance.now()
        await fetch(`${server.url}/healthz`).then((r) => r.arrayBuffer())
        health.push({ at: t, ms: performance.now() - t })
        await new Promise((r) => setTimeout(r, 10))
      }
    })()
    await new Promise((r) => setTimeout(r, 1000))

    // The backup's own text (pretty-printed, as the export wrote it) goes out as it is, not re-serialised.
    const wire = routeRequest(importBoard, { params: { workshopId: workshop.workshopId }, body: null, token })
    const started = performance.now()
    const res = await fetch(server.url + wire.path, { method: wire.method, headers: wire.headers, body })
    const ended = performance.now()
    const answer = await res.text()
    await new Promise((r) => setTimeout(r, 1000))
    stop = true
    await Promise.all([writing, polling])
    a.provider.destroy()
    b.provider.destroy()
    if (res.status !== 201) throw new Error(`import answered ${res.status}: ${answer.slice(0, 300)}`)

    const during = <T extends { at: number; ms: number }>(xs: T[]) =>
      xs.filter((x) => x.at + x.ms >= started && x.at <= ended).map((x) => x.ms)
    const idle = <T extends { at: number; ms: number }>(xs: T[]) =>
      xs.filter((x) => x.at + x.ms < started).map((x) => x.ms)
    return {
      bench: 'import-stall',
      cards: CARDS,
      importBytes: Buffer.byteLength(body),
      importMs: round(ended - started),
      healthzDuringImport: summarize(during(health)),
      healthzIdleMaxMs: summarize(idle(health)).maxMs,
      liveCardDuringImport: summarize(during(cardLatencies)),
      liveCardIdleP50Ms: summarize(idle(cardLatencies)).p50Ms,
      lostLiveCards: sentAt.size,
    }
  } finally {
    await server.stop()
  }
}

if (import.meta.main) {
  console.log(JSON.stringify(await benchImportStall()))
  // y-websocket leaves a timer behind after destroy(); a benchmark must end by itself.
  process.exit(0)
}
