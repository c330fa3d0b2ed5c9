/**
 * Scenario d (server side) — cold load of a 2,000-card board: the board is filled, everyone
 * leaves, the server unloads it (IDLE_UNLOAD_MS), then one client joins. Measures the time from
 * opening the socket to the completed first sync, the load time the server logs, and the heap
 * the loaded board takes (heap after a full GC in the server, loaded minus unloaded). Three
 * cold loads; the median is reported.
 */
import * as Y from 'yjs'
import { emit, size } from './lib/benchEnv.ts'
import { openBoard, populateBoard } from './lib/populateBoard.ts'
import { createWorkshop, startPinnwand, userIdOf } from './lib/serverProcess.ts'
import { round } from './lib/stats.ts'

const CARDS = size('CARDS', 2000, 200)
const REPEAT = 3
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

const server = await startPinnwand({ env: { IDLE_UNLOAD_MS: '300' } })
try {
  const workshop = await createWorkshop(server.url)
  const boardId = workshop.boardIds[0]!
  const token = workshop.facilitatorToken
  const unloaded = () => server.waitForLog((e) => e.msg === 'board unloaded' && e.boardId === boardId, 60_000)
  let nextUnload = unloaded()
  await populateBoard(server.url, boardId, token, await userIdOf(server.url, token), CARDS)
  await nextUnload

  const runs: { readyMs: number; serverLoadMs: number; heapMB: number; rssMB: number }[] = []
  let docBytes = 0
  let records = 0
  for (let r = 0; r < REPEAT; r++) {
    const before = await server.probe()
    const loaded = server.waitForLog((e) => e.msg === 'board loaded' && e.boardId === boardId)
    const client = await openBoard(server.url, boardId, token)
    const serverLoadMs = Number((await loaded).ms)
    const after = await server.probe()
    docBytes = Y.encodeStateAsUpdate(client.doc).byteLength
    records = client.records.map.size
    nextUnload = unloaded()
    client.destroy()
    runs.push({
      readyMs: round(client.syncMs),
      serverLoadMs,
      heapMB: round((after.heapUsed - before.heapUsed) / 2 ** 20),
      rssMB: round((after.rss - before.rss) / 2 ** 20),
    })
    await nextUnload
  }
  emit({
    bench: `cold-load-${CARDS}`,
    cards: CARDS,
    records,
    docBytes,
    readyMs: median(runs.map((r) => r.readyMs)),
    serverLoadMs: median(runs.map((r) => r.serverLoadMs)),
    boardHeapMB: median(runs.map((r) => r.heapMB)),
    boardRssMB: median(runs.map((r) => r.rssMB)),
    runs,
    note: 'readyMs: socket opened → first sync complete (auth, load from SQLite, migration check, sync answer after the tick); heap: server heapUsed after full GC, loaded − unloaded',
    targets: { readyMs: 100, boardHeapMB: 30 },
  })
} finally {
  await server.stop()
}
process.exit(0)
