import type { SeqByRoom } from '../load/editLoad.ts'
import { LoadGenerator, PhaseTimeout } from '../load/LoadGenerator.ts'
import { histogramQuantileMs, scrapeMetrics } from './metrics.ts'
import type { ServerKind } from './peerProcess.ts'
import { measureCpu, rssBytes } from './procCpu.ts'
import { monotonicMs, round, summarize } from './stats.ts'
import { awarenessMode, startTarget } from './targets.ts'
import type { Topology } from './topology.ts'

export interface LiveLoadOptions {
  clients: number
  boards: number
  /** Card edits per second, summed over all boards. */
  editsPerSecond: number
  cursorHz: number
  durationMs: number
  /** Connections opened per second (all workers together). */
  connectPerSecond: number
  /** How long late updates may still arrive after the last edit before they count as lost. */
  drainMs: number
  workers?: number
  env?: Record<string, string>
  /**
   * Measuring clients in a process of their own at normal priority; the other clients run in
   * load workers at lower priority (nice 10). 0: every client measures, all at one priority.
   */
  probes?: number
  /** Our server only: one instance on SQLite (default) or PostgreSQL, or two behind Redis. */
  topology?: Topology
  /**
   * Every how many simulated clients one applies the document updates during the run; the rest
   * count the bytes only (`LoadPlan.applyEvery`). Probes always apply. Default 1: all.
   */
  applyEvery?: number
}

/** Figures of one server under one live load. `problems` lists what went wrong, if anything. */
export interface LiveLoadResult {
  server: ServerKind
  clients: number
  boards: number
  connected: number
  /** Slowest time from opening a socket to the first completed sync, ms. */
  connectP99Ms: number
  editsSent: number
  p50Ms: number
  p95Ms: number
  p99Ms: number
  maxMs: number
  /** With probes: the same figures over every client (their queueing on the shared CPU included). */
  allClients?: { p50Ms: number; p95Ms: number; p99Ms: number; maxMs: number; samples: number }
  /** Clients whose receive latencies make p50…max (all when there are no probes). */
  measuringClients?: number
  /** Clients that applied the document updates and so checked delivery (all unless `applyEvery`). */
  applyingClients?: number
  samples: number
  expectedSamples: number
  /** (client, card) pairs whose last edit had not arrived `drainMs` after the last edit. */
  lostUpdates: number
  awarenessUpdatesPerClientPerS: number
  cursorStatesPerClientPerS: number
  /** Over every instance. */
  serverCpuCores: number
  /** Over every instance, at the end of the run. */
  serverRssMB: number
  /** Per instance (two on the cluster topology). */
  instances?: { cpuCores: number; rssMB: number; eventLoopLagP99Ms?: number }[]
  /** WebSocket payload the clients received during the run, per client and second (kB). */
  receivedKBPerClientPerS: number
  /** The same over all clients: the server's egress to them (MB/s). */
  egressMBPerS: number
  loadWorkers: number
  /** CPU the simulated clients used meanwhile (all workers, in cores). */
  loadGenCpuCores: number
  /** Ours only, from /metrics over the measured window: bucket bounds ("at most"), ms. */
  serverTickP99Ms?: number
  serverPersistLagP99Ms?: number
  serverEventLoopLagP99Ms?: number
  /** How the simulated clients took others' awareness ('count' or 'apply'). */
  clientAwareness: string
  problems: string[]
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/**
 * One server, one live session: `clients` real clients over `boards` boards connect, each
 * writes its own card, then for `durationMs` every client moves its cursor at `cursorHz` and
 * the board sees `editsPerSecond` card edits. Every phase has a time limit, so a server that
 * collapses yields figures and problems instead of a hanging bench.
 */
export async function runLiveLoad(kind: ServerKind, options: LiveLoadOptions): Promise<LiveLoadResult> {
  const problems: string[] = []
  const target = await startTarget(kind, {
    clients: options.clients,
    boards: options.boards,
    env: options.env ?? {},
    topology: options.topology,
  })
  const probes = options.probes ?? 0
  const workers = (options.workers ?? LoadGenerator.workersFor(options.clients)) + (probes > 0 ? 1 : 0)
  // BENCH_LOAD_NICE=0: when others' processes load the machine, nice 10 starves the load itself.
  const nice = Number(process.env.BENCH_LOAD_NICE ?? 10)
  const load = new LoadGenerator(workers, probes > 0 ? { nice, firstIsProbe: true } : {})
  const shares = load.split(target.specs, probes)
  /** Workers that send the edits (the probe worker only moves its cursors and measures). */
  const editing = probes > 0 ? workers - 1 : workers
  const result: LiveLoadResult = {
    server: kind,
    clients: options.clients,
    boards: options.boards,
    connected: 0,
    connectP99Ms: NaN,
    editsSent: 0,
    p50Ms: NaN,
    p95Ms: NaN,
    p99Ms: NaN,
    maxMs: NaN,
    samples: 0,
    expectedSamples: 0,
    lostUpdates: NaN,
    awarenessUpdatesPerClientPerS: NaN,
    cursorStatesPerClientPerS: NaN,
    serverCpuCores: NaN,
    serverRssMB: NaN,
    receivedKBPerClientPerS: NaN,
    egressMBPerS: NaN,
    loadWorkers: workers,
    loadGenCpuCores: NaN,
    clientAwareness: awarenessMode,
    problems,
  }
  const phase = async <T>(name: string, run: () => Promise<T>): Promise<T | null> => {
    try {
      return await run()
    } catch (error) {
      problems.push(
        error instanceof PhaseTimeout
          ? `timeout: ${error.message}`
          : `${name} failed: ${(error as Error).message.slice(0, 300)}`,
      )
      return null
    }
  }
  try {
    // Workers stop waiting at connectTimeout and report how many synced; the parent's limit
    // only catches workers too starved to answer at all.
    const connectTimeout = Math.max(60_000, (options.clients / options.connectPerSecond) * 1000 * 3)
    const connected = await phase('connect', () =>
      load.all(
        'connect',
        (w) => ({ specs: shares[w]!, perSecond: options.connectPerSecond / workers, timeoutMs: connectTimeout }),
        connectTimeout + 60_000,
      ),
    )
    if (connected) {
      result.connected = connected.reduce((n, c) => n + c.synced, 0)
      result.connectP99Ms = summarize(connected.flatMap((c) => [...c.syncMs])).p99Ms
      if (result.connected < options.clients)
        problems.push(`only ${result.connected} of ${options.clients} clients synced`)
    }
    const perBoard = Math.floor(options.clients / options.boards)
    // A server that cannot even spread the cards still gets the run: its figures show how far off it is.
    if (connected)
      await phase('cards', async () => {
        await load.all('createCards', undefined as never, 10_000)
        const seen = await load.all('waitForCards', { count: perBoard, timeoutMs: 60_000 }, 75_000)
        const fewest = Math.min(...seen)
        if (fewest < perBoard) problems.push(`a client saw only ${fewest} of ${perBoard} cards before the measurement`)
      })
    if (connected) {
      await sleep(2000) // presence of everyone has arrived; the first edits don't queue behind it
      const servers = target.pinnwand?.servers ?? []
      const metricsBefore = await Promise.all(servers.map((s) => scrapeMetrics(s.url)))
      const cpu = target.pids.map((pid) => measureCpu(pid, monotonicMs))
      const loadCpuBefore = load.cpuSeconds()
      const runStarted = monotonicMs()
      const runs = await phase('run', () =>
        load.all(
          'run',
          (w) => ({
            editsPerSecond: probes > 0 && w === 0 ? 0 : options.editsPerSecond / editing,
            cursorHz: options.cursorHz,
            durationMs: options.durationMs,
            applyEvery: probes > 0 && w === 0 ? 1 : (options.applyEvery ?? 1),
          }),
          // Starved workers (a shared machine, 1,000 clients) answer late, with figures still worth having.
          options.durationMs * 2 + 30_000 + options.clients * 30,
        ),
      )
      const usage = cpu.map((c) => c.stop())
      result.serverCpuCores = round(
        usage.reduce((n, u) => n + u.cores, 0),
        2,
      )
      result.loadGenCpuCores = round((load.cpuSeconds() - loadCpuBefore) / ((monotonicMs() - runStarted) / 1000), 2)
      const rss = target.pids.map((pid) => round(rssBytes(pid) / 2 ** 20))
      result.serverRssMB = round(rss.reduce((a, b) => a + b, 0))
      const metricsAfterAll = await Promise.all(servers.map((s) => scrapeMetrics(s.url)))
      if (target.pids.length > 1)
        result.instances = usage.map((u, i) => ({
          cpuCores: u.cores,
          rssMB: rss[i]!,
          eventLoopLagP99Ms: round((metricsAfterAll[i]?.get('nodejs_eventloop_lag_p99_seconds') ?? NaN) * 1000),
        }))
      const metricsBefore0 = metricsBefore[0] ?? null
      const metricsAfter = metricsAfterAll[0] ?? null
      if (metricsBefore0 && metricsAfter) {
        result.serverTickP99Ms = histogramQuantileMs(
          metricsBefore0,
          metricsAfter,
          'pinnwand_tick_duration_seconds',
          0.99,
        )
        result.serverPersistLagP99Ms = histogramQuantileMs(
          metricsBefore0,
          metricsAfter,
          'pinnwand_persist_lag_seconds',
          0.99,
        )
        result.serverEventLoopLagP99Ms = round((metricsAfter.get('nodejs_eventloop_lag_p99_seconds') ?? NaN) * 1000)
      }
      if (runs) {
        result.editsSent = runs.reduce((n, r) => n + r.editsSent, 0)
        const expected: SeqByRoom = {}
        for (const r of runs)
          for (const [room, seqs] of Object.entries(r.lastSeq)) Object.assign((expected[room] ??= {}), seqs)
        // Late updates may still be under way: wait until nothing is missing or the drain time is up.
        const drainEnd = monotonicMs() + options.drainMs
        let missing = NaN
        do {
          await sleep(250)
          const perWorker = await phase('missing', () => load.all('missing', { expected }, 30_000))
          missing = perWorker ? perWorker.reduce((a, b) => a + b, 0) : NaN
        } while (missing > 0 && monotonicMs() < drainEnd)
        result.lostUpdates = missing
        const received = await phase('collect', () => load.all('collect', undefined as never, 30_000))
        if (received) {
          const all = summarize(received.flatMap((r) => [...r.latencies]))
          if (probes > 0) {
            const { samples: _ignored, ...probeFigures } = summarize([...received[0]!.latencies])
            Object.assign(result, probeFigures, { samples: all.samples })
            result.allClients = {
              p50Ms: all.p50Ms,
              p95Ms: all.p95Ms,
              p99Ms: all.p99Ms,
              maxMs: all.maxMs,
              samples: all.samples,
            }
            result.measuringClients = shares[0]!.length
          } else {
            Object.assign(result, all)
            result.measuringClients = options.clients
          }
          // Every edit should reach every other client on its board (of those applying updates;
          // with light clients that is an estimate: senders are spread evenly over all clients).
          const applying = runs.reduce((n, r) => n + r.applyingClients, 0)
          result.applyingClients = applying
          result.expectedSamples =
            applying === options.clients
              ? result.editsSent * (perBoard - 1)
              : Math.round(result.editsSent * (applying / options.boards) * (1 - 1 / perBoard))
        }
        const seconds = runs[0]!.measuredMs / 1000
        const bytes = runs.reduce((n, r) => n + r.bytesReceived, 0)
        result.receivedKBPerClientPerS = round(bytes / options.clients / seconds / 1000)
        result.egressMBPerS = round(bytes / seconds / 1e6, 2)
        result.awarenessUpdatesPerClientPerS = round(
          runs.reduce((n, r) => n + r.awarenessEvents, 0) / options.clients / seconds,
        )
        result.cursorStatesPerClientPerS = round(
          runs.reduce((n, r) => n + r.awarenessStates, 0) / options.clients / seconds,
        )
        if (result.lostUpdates > 0)
          problems.push(`${result.lostUpdates} updates had not arrived ${options.drainMs} ms after the last edit`)
      }
    }
  } finally {
    await load.close()
    await target.stop()
  }
  return result
}
