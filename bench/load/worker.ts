import os from 'node:os'
/**
 * One load-generator process (forked by LoadGenerator): hosts a share of the clients and runs
 * what the parent asks, one command at a time, answering over IPC.
 */
import { monotonicMs } from '../lib/stats.ts'
import { type BenchClient, type ClientSpec, connectClient } from './clientAdapters.ts'
import { type CardLayout, EditLoad, type LoadPlan, type SeqByRoom } from './editLoad.ts'
import { runGrowth, type GrowthPlan } from './growthLoad.ts'
import { runVotes, type VotePlan } from './voteLoad.ts'

// Every y-websocket provider registers an exit listener; hundreds of clients are expected here.
process.setMaxListeners(0)

// BENCH_LOAD_NICE: the simulated clients yield the CPU to the server under test (in a hall every
// browser has its own CPU; here 400 of them share two cores with the server).
if (process.env.BENCH_LOAD_NICE) os.setPriority(Number(process.env.BENCH_LOAD_NICE))

let clients: BenchClient[] = []
let load: EditLoad | null = null
/** Per client: when it went offline and when it was synced again (monotonic ms). */
let resync: { lostAt: number; resyncedAt: number }[] = []

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function until(check: () => boolean, timeoutMs: number, pollMs = 50): Promise<boolean> {
  const deadline = monotonicMs() + timeoutMs
  while (!check()) {
    if (monotonicMs() > deadline) return false
    await sleep(pollMs)
  }
  return true
}

const commands = {
  /** Opens the clients at a steady rate; resolves when all are synced or the time is up. */
  async connect({ specs, perSecond, timeoutMs }: { specs: ClientSpec[]; perSecond: number; timeoutMs: number }) {
    const started = monotonicMs()
    const syncMs: number[] = []
    for (let i = 0; i < specs.length; i++) {
      const client = connectClient(specs[i]!)
      const openedAt = monotonicMs()
      let first = true
      client.onSyncChange((synced) => {
        if (synced && first) {
          first = false
          syncMs.push(monotonicMs() - openedAt)
        }
      })
      clients.push(client)
      if (perSecond > 0) await sleep(1000 / perSecond)
    }
    load = new EditLoad(clients)
    await until(() => clients.every((c) => c.synced), Math.max(0, timeoutMs - (monotonicMs() - started)))
    return { total: clients.length, synced: clients.filter((c) => c.synced).length, syncMs: Float64Array.from(syncMs) }
  },
  createCards(layout?: CardLayout) {
    load!.createCards(layout)
    return null
  },
  /** Bytes received so far, with this worker's clock (a starved worker answers late). */
  bytesReceived() {
    return { bytes: load!.bytesReceived(), ...load!.sent, at: monotonicMs() }
  },
  /** Ends a running `run` early (answered while `run` is still pending). */
  stopRun() {
    load!.stop()
    return null
  },
  async waitForCards({ count, timeoutMs }: { count: number; timeoutMs: number }) {
    await until(() => load!.minCardsSeen() >= count, timeoutMs, 100)
    return load!.minCardsSeen()
  },
  run(plan: LoadPlan) {
    return load!.run(plan)
  },
  collect() {
    return load!.collect()
  },
  missing({ expected }: { expected: SeqByRoom }) {
    return load!.missing(expected)
  },
  /** Starts watching every client for a drop and the next completed sync. */
  armResync() {
    resync = clients.map(() => ({ lostAt: NaN, resyncedAt: NaN }))
    clients.forEach((client, i) =>
      client.onSyncChange((synced) => {
        const entry = resync[i]!
        if (!synced && Number.isNaN(entry.lostAt)) entry.lostAt = monotonicMs()
        else if (synced && !Number.isNaN(entry.lostAt) && Number.isNaN(entry.resyncedAt))
          entry.resyncedAt = monotonicMs()
      }),
    )
    return null
  },
  async waitResynced({ timeoutMs }: { timeoutMs: number }) {
    await until(() => resync.every((r) => !Number.isNaN(r.resyncedAt)), timeoutMs)
    return {
      lost: resync.filter((r) => !Number.isNaN(r.lostAt)).length,
      resyncedAt: Float64Array.from(resync.filter((r) => !Number.isNaN(r.resyncedAt)).map((r) => r.resyncedAt)),
    }
  },
  votes(plan: VotePlan) {
    return runVotes(plan)
  },
  growth(plan: GrowthPlan) {
    return runGrowth(plan)
  },
  close() {
    for (const client of clients) client.destroy()
    clients = []
    // y-websocket and the awareness leave timers behind; this process has done its job.
    setTimeout(() => process.exit(0), 10)
    return null
  },
}

export type WorkerCommands = typeof commands
export type WorkerCommand = keyof WorkerCommands

process.on('message', async (message: { id: number; command: WorkerCommand; args: unknown }) => {
  try {
    const handler = commands[message.command] as (args: unknown) => unknown
    const result = await handler(message.args)
    process.send!({ id: message.id, ok: true, result })
  } catch (error) {
    process.send!({ id: message.id, ok: false, error: (error as Error).stack ?? String(error) })
  }
})
// The parent went away (finished, crashed or was killed): so do we.
process.on('disconnect', () => process.exit(0))
