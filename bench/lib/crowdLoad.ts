/**
 * A crowd on one board for the crowd-device benchmark: N simulated participants (real clients in
 * load workers at nice 10, so the browser under test and the server keep their priority) moving
 * their cursors at 2 Hz while the first few edit their own cards, 10 edits per second in all.
 * The load runs open-ended until `stop()`, so the browser can be measured at leisure meanwhile.
 */
import type { CardLayout } from '../load/editLoad.ts'
import { LoadGenerator } from '../load/LoadGenerator.ts'
import type { ServerKind } from './peerProcess.ts'
import { cpuSeconds } from './procCpu.ts'
import { monotonicMs, round } from './stats.ts'
import { startTarget, type Target } from './targets.ts'

export interface CrowdOptions {
  people: number
  editsPerSecond: number
  cursorHz: number
  /** Which people write a card, and where (the rest only move their cursors). */
  cards: Required<CardLayout>
  env?: Record<string, string>
  /** Scheduling priority of the load workers (10: the browser and server go first). */
  nice?: number
  /** One in this many simulated people applies the document's updates (`LoadPlan.applyEvery`). */
  applyEvery?: number
}

/** Server egress to the simulated people and the CPU the server and load used over a window. */
export interface CrowdWindow {
  /** WebSocket payload bytes per simulated person per second. */
  bytesPerClientPerS: number
  /** All simulated people together, bytes per second. */
  bytesPerS: number
  /** The load as the (possibly starved) simulated people actually sent it in the window. */
  cursorMovesPerPersonPerS: number
  editsPerS: number
  serverCpuCores: number
  loadGenCpuCores: number
}

export interface Crowd {
  target: Target
  /** Starts cursors and edits. */
  start(): void
  /** Runs `during` (or just waits `ms`) and reports what the server sent the crowd meanwhile. */
  measure(ms: number, during?: () => Promise<void>): Promise<CrowdWindow>
  stop(): Promise<void>
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const RUN_LIMIT_MS = 30 * 60_000

/** Starts `kind`, lets `prepare` fill the board, connects the crowd and writes its cards. */
export async function startCrowd(
  kind: ServerKind,
  options: CrowdOptions,
  prepare: (target: Target) => Promise<void> = async () => {},
): Promise<Crowd> {
  const target = await startTarget(kind, { clients: options.people, env: options.env ?? {} })
  const workers = LoadGenerator.workersFor(options.people)
  const load = options.people > 0 ? new LoadGenerator(workers, { nice: options.nice ?? 10 }) : null
  let running: Promise<unknown> | null = null
  try {
    await prepare(target)
    if (load) {
      const shares = load.split(target.specs)
      const connected = await load.all(
        'connect',
        (w) => ({ specs: shares[w]!, perSecond: 100 / workers, timeoutMs: 60_000 }),
        120_000,
      )
      const synced = connected.reduce((n, c) => n + c.synced, 0)
      if (synced < options.people) throw new Error(`only ${synced} of ${options.people} simulated people synced`)
      await load.all('createCards', options.cards, 10_000)
      const owners = Math.min(options.people, options.cards.upTo)
      await load.all('waitForCards', { count: owners, timeoutMs: 60_000 }, 75_000)
    }
  } catch (error) {
    await load?.close()
    await target.stop()
    throw error
  }
  // Starved load workers (nice 10 on a busy machine) answer late: each reports its count with
  // its own time of reading, and a window without the figure beats a run without the rest.
  const loadBytes = async () => {
    if (!load) return []
    try {
      return await load.all('bytesReceived', undefined as never, 120_000)
    } catch {
      return null
    }
  }
  return {
    target,
    start() {
      running =
        load?.all(
          'run',
          {
            editsPerSecond: options.editsPerSecond / workers,
            cursorHz: options.cursorHz,
            durationMs: RUN_LIMIT_MS,
            applyEvery: options.applyEvery,
          },
          RUN_LIMIT_MS + 60_000,
        ) ?? null
      running?.catch(() => undefined)
    },
    async measure(ms, during) {
      const before = await loadBytes()
      const serverCpuBefore = cpuSeconds(target.pid)
      const loadCpuBefore = load?.cpuSeconds() ?? 0
      const started = monotonicMs()
      await Promise.all([sleep(ms), during?.()])
      const seconds = (monotonicMs() - started) / 1000
      const serverCpu = (cpuSeconds(target.pid) - serverCpuBefore) / seconds
      const loadCpu = ((load?.cpuSeconds() ?? 0) - loadCpuBefore) / seconds
      const after = await loadBytes()
      // Summed per worker over its own interval between the two readings.
      const rate = (key: 'bytes' | 'cursors' | 'edits') =>
        before && after
          ? after.reduce((sum, a, i) => sum + (a[key] - before[i]![key]) / ((a.at - before[i]!.at) / 1000), 0)
          : NaN
      const bytesPerS = rate('bytes')
      return {
        bytesPerClientPerS: options.people > 0 ? round(bytesPerS / options.people, 0) : 0,
        bytesPerS: round(bytesPerS, 0),
        cursorMovesPerPersonPerS: options.people > 0 ? round(rate('cursors') / options.people, 2) : 0,
        editsPerS: round(rate('edits')),
        serverCpuCores: round(serverCpu, 2),
        loadGenCpuCores: round(loadCpu, 2),
      }
    },
    async stop() {
      if (load && running) {
        await load.all('stopRun', undefined as never, 30_000).catch(() => undefined)
        await running.catch(() => undefined)
      }
      await load?.close()
      await target.stop()
    },
  }
}
