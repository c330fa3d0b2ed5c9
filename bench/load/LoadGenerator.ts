import { type ChildProcess, fork } from 'node:child_process'
import path from 'node:path'
import { cpuSeconds } from '../lib/procCpu.ts'
import type { ClientSpec } from './clientAdapters.ts'
import type { WorkerCommand, WorkerCommands } from './worker.ts'

type Args<C extends WorkerCommand> = Parameters<WorkerCommands[C]>[0]
type Result<C extends WorkerCommand> = Awaited<ReturnType<WorkerCommands[C]>>

/** Thrown when workers do not answer within a phase's time limit. */
export class PhaseTimeout extends Error {}

/**
 * Real clients in separate processes: forks `workers` load-generator processes and spreads
 * the clients over them, so the clients' own work (decoding, applying, awareness) runs beside
 * the server as it would on other machines — here on the same two cores, which is why the
 * figures are upper bounds.
 */
export class LoadGenerator {
  private readonly workers: ChildProcess[]
  private nextId = 0
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>()

  /**
   * `nice`: scheduling priority of the workers (BENCH_LOAD_NICE in worker.ts), all but the first
   * when `firstIsProbe` — the probe worker hosts a few measuring clients at normal priority.
   */
  constructor(workers: number, { nice = 0, firstIsProbe = false }: { nice?: number; firstIsProbe?: boolean } = {}) {
    this.workers = Array.from({ length: workers }, (_, i) => {
      const env =
        nice !== 0 && !(firstIsProbe && i === 0) ? { ...process.env, BENCH_LOAD_NICE: String(nice) } : process.env
      const child = fork(path.join(import.meta.dirname, 'worker.ts'), [], {
        serialization: 'advanced',
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        env,
      })
      child.on('message', (message: { id: number; ok: boolean; result?: unknown; error?: string }) => {
        const waiter = this.pending.get(message.id)
        if (!waiter) return
        this.pending.delete(message.id)
        if (message.ok) waiter.resolve(message.result)
        else waiter.reject(new Error(`load worker ${child.pid}: ${message.error}`))
      })
      child.on('exit', (code, signal) => {
        for (const [id, waiter] of this.pending) {
          waiter.reject(new Error(`load worker ${child.pid} exited (${code ?? signal})`))
          this.pending.delete(id)
        }
      })
      return child
    })
  }

  /** How many workers for `clients` clients: about 100 per process, at least one. */
  static workersFor(clients: number, perWorker = 100): number {
    return Math.max(1, Math.ceil(clients / perWorker))
  }

  /** CPU seconds all workers have used so far (from /proc). */
  cpuSeconds(): number {
    return this.workers.reduce((sum, child) => {
      try {
        return sum + cpuSeconds(child.pid!)
      } catch {
        return sum // exited
      }
    }, 0)
  }

  get size(): number {
    return this.workers.length
  }

  /**
   * Splits clients over the workers, round robin. With `probes` > 0 the first worker gets only
   * that many clients, evenly spaced over `specs` (so they sit on different boards), and the
   * others share the rest.
   */
  split(specs: ClientSpec[], probes = 0): ClientSpec[][] {
    const shares: ClientSpec[][] = this.workers.map(() => [])
    if (probes <= 0 || this.workers.length < 2) {
      specs.forEach((spec, i) => shares[i % this.workers.length]!.push(spec))
      return shares
    }
    const step = specs.length / probes
    const probeIndexes = new Set(Array.from({ length: probes }, (_, i) => Math.floor(i * step)))
    let next = 0
    specs.forEach((spec, i) => {
      if (probeIndexes.has(i)) shares[0]!.push(spec)
      else shares[1 + (next++ % (this.workers.length - 1))]!.push(spec)
    })
    return shares
  }

  /**
   * Runs a command on every worker (`args` per worker, or one value for all) and waits for all
   * answers — at most `timeoutMs`, then it throws PhaseTimeout.
   */
  async all<C extends WorkerCommand>(
    command: C,
    args: Args<C> | ((worker: number) => Args<C>),
    timeoutMs: number,
  ): Promise<Result<C>[]> {
    const calls = this.workers.map((child, i) =>
      this.call(child, command, typeof args === 'function' ? (args as (w: number) => Args<C>)(i) : args),
    )
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new PhaseTimeout(`${command} took longer than ${timeoutMs} ms`)), timeoutMs)
    })
    try {
      return (await Promise.race([Promise.all(calls), timeout])) as Result<C>[]
    } finally {
      clearTimeout(timer)
    }
  }

  /** Asks every worker to close its clients and exit; kills the ones that don't. */
  async close(): Promise<void> {
    await Promise.all(
      this.workers.map(async (child) => {
        if (child.exitCode !== null || child.signalCode !== null) return
        const exited = new Promise((resolve) => child.once('exit', resolve))
        this.call(child, 'close', undefined as never).catch(() => undefined)
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
        await exited
        clearTimeout(timer)
      }),
    )
  }

  private call(child: ChildProcess, command: WorkerCommand, args: unknown): Promise<unknown> {
    const id = ++this.nextId
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject })
      child.send({ id, command, args })
    })
  }
}
