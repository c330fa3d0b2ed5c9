/**
 * Scenario e — a server restart in the middle of a forum: 500 real clients over 10 boards (50 per
 * table), each with a card of its own. The server is stopped (SIGTERM: it flushes and closes
 * every socket) and started again on the same port and data; the clients reconnect by
 * themselves with the web app's jittered backoff. Measures the time until every client has
 * completed a sync again, then checks with a round of edits that every board works.
 */
import { emit, quick, size } from './lib/benchEnv.ts'
import { startPinnwand } from './lib/serverProcess.ts'
import { monotonicMs, round, summarize } from './lib/stats.ts'
import { startTarget } from './lib/targets.ts'
import type { SeqByRoom } from './load/editLoad.ts'
import { LoadGenerator } from './load/LoadGenerator.ts'

const CLIENTS = size('CLIENTS', 500, 12)
const BOARDS = size('BOARDS', 10, 2)
const RESYNC_LIMIT_MS = 60_000

const target = await startTarget('pinnwand', { clients: CLIENTS, boards: BOARDS })
let server = target.pinnwand!.server
const load = new LoadGenerator(LoadGenerator.workersFor(CLIENTS))
const problems: string[] = []
try {
  const shares = load.split(target.specs)
  const connected = await load.all(
    'connect',
    (w) => ({ specs: shares[w]!, perSecond: 100 / load.size, timeoutMs: 60_000 }),
    75_000,
  )
  const synced = connected.reduce((n, c) => n + c.synced, 0)
  if (synced < CLIENTS) problems.push(`only ${synced} of ${CLIENTS} clients synced before the restart`)
  await load.all('createCards', undefined as never, 10_000)
  await load.all('waitForCards', { count: Math.floor(CLIENTS / BOARDS), timeoutMs: 60_000 }, 75_000)

  await load.all('armResync', undefined as never, 10_000)
  const stoppedAt = monotonicMs()
  await server.stop({ keepData: true })
  server = await startPinnwand({ port: server.port, dataDir: server.dataDir })
  const readyAt = monotonicMs()
  const resync = await load.all('waitResynced', { timeoutMs: RESYNC_LIMIT_MS }, RESYNC_LIMIT_MS + 15_000)
  const times = resync.flatMap((r) => [...r.resyncedAt])
  const lost = resync.reduce((n, r) => n + r.lost, 0)
  if (times.length < CLIENTS)
    problems.push(`${CLIENTS - times.length} clients had not resynced ${RESYNC_LIMIT_MS} ms after the restart`)
  const afterReady = summarize(times.map((t) => t - readyAt))

  // Every board works again: one edit per client, everyone on the board receives all of them.
  const runs = await load.all(
    'run',
    { editsPerSecond: (quick ? 12 : 100) / load.size, cursorHz: 0, durationMs: quick ? 1500 : 6000 },
    60_000,
  )
  const expected: SeqByRoom = {}
  for (const r of runs)
    for (const [room, seqs] of Object.entries(r.lastSeq)) Object.assign((expected[room] ??= {}), seqs)
  let missing = NaN
  const drainEnd = monotonicMs() + 30_000
  do {
    await new Promise((r) => setTimeout(r, 250))
    missing = (await load.all('missing', { expected }, 30_000)).reduce((a, b) => a + b, 0)
  } while (missing > 0 && monotonicMs() < drainEnd)
  if (missing > 0) problems.push(`${missing} edits after the restart did not arrive`)

  emit({
    bench: `reconnect-${CLIENTS}`,
    clients: CLIENTS,
    boards: BOARDS,
    disconnected: lost,
    resynced: times.length,
    restartMs: round(readyAt - stoppedAt, 0),
    allResyncedAfterReadyMs: afterReady.maxMs,
    p50ResyncAfterReadyMs: afterReady.p50Ms,
    allResyncedAfterStopMs: round(Math.max(...times) - stoppedAt, 0),
    editsAfterRestart: runs.reduce((n, r) => n + r.editsSent, 0),
    lostUpdatesAfterRestart: missing,
    problems,
    note: 'restartMs: SIGTERM (graceful flush) until the new process listens; resync: until every client has completed sync step 2 again',
    targets: { allResyncedAfterReadyMs: 10_000 },
  })
} finally {
  await load.close()
  await server.stop()
}
process.exit(0)
