import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { callApi } from '@pinnwand/shared/contract/callApi'
import { getMe } from '@pinnwand/shared/systemRoutes'
import * as workshopRoutes from '@pinnwand/shared/workshopRoutes'
import { killOnExit } from './cleanup.ts'
import { percentile, round } from './stats.ts'

export { percentile, round }

const repoRoot = path.resolve(import.meta.dirname, '../..')
const probeModule = path.join(import.meta.dirname, 'serverProbe.ts')

/** One JSON log line of our server (pino). */
export interface LogEntry {
  msg?: string
  [key: string]: unknown
}

/** What the bench-only probe (serverProbe.ts) reads inside the server process. */
export interface ProbeReading {
  heapUsed: number
  heapTotal: number
  rss: number
  external: number
  arrayBuffers: number
}

/** One request as the server timed it (serverProbe.ts). */
export type ServerTiming = [method: string, path: string, ms: number]

export interface BenchServer {
  url: string
  port: number
  pid: number
  dataDir: string
  child: ChildProcess
  /** Resolves with the first log entry matching `match` from now on. */
  waitForLog(match: (entry: LogEntry) => boolean, timeoutMs?: number): Promise<LogEntry>
  /** Memory of the server process after a full garbage collection. */
  probe(): Promise<ProbeReading>
  /**
   * Starts timing every HTTP request inside the server (`true`), or stops and returns the
   * timings (`false`): from the request's parsed head to its answer written, so without the
   * wait in the listen queue and the network.
   */
  httpTiming(on: boolean): Promise<ServerTiming[]>
  /** SIGTERM (graceful: flushes boards) and removes the data directory unless `keepData`. */
  stop(options?: { keepData?: boolean }): Promise<void>
}

export interface StartOptions {
  env?: Record<string, string>
  /** 0 (default) picks a free port; a fixed one lets clients reconnect after a restart. */
  port?: number
  /** Reuse a data directory (restart); a fresh temporary one otherwise. */
  dataDir?: string
}

/**
 * Our server as its own process (as in production), with a fresh SQLite database. It is started
 * with `--expose-gc` and the bench's probe module preloaded, so the bench can read its heap;
 * nothing in the product changes for this.
 */
export async function startPinnwand(opts: StartOptions = {}): Promise<BenchServer> {
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(tmpdir(), 'pinnwand-bench-'))
  const child = spawn(
    process.execPath,
    ['--expose-gc', '--import', probeModule, path.join(repoRoot, 'server/src/main.ts')],
    {
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        PORT: String(opts.port ?? 0),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        LOG_LEVEL: 'info',
        NODE_ENV: 'production',
        // Every simulated client comes from 127.0.0.1; a hall behind one NAT looks the same.
        CONNECTIONS_PER_IP: '0',
        // BENCH_SERVER_NODE_OPTIONS: e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the server under load.
        ...(process.env.BENCH_SERVER_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_SERVER_NODE_OPTIONS } : {}),
        ...opts.env,
      },
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    },
  )
  killOnExit(child)
  const listeners = new Set<(entry: LogEntry) => void>()
  createInterface({ input: child.stdout! }).on('line', (line) => {
    let entry: LogEntry
    try {
      entry = JSON.parse(line) as LogEntry
    } catch {
      return // not a log line
    }
    for (const listener of listeners) listener(entry)
  })
  const waitForLog = (match: (entry: LogEntry) => boolean, timeoutMs = 30_000) =>
    new Promise<LogEntry>((resolve, reject) => {
      const timer = setTimeout(() => {
        listeners.delete(listener)
        reject(new Error(`no matching server log line within ${timeoutMs} ms`))
      }, timeoutMs)
      const listener = (entry: LogEntry) => {
        if (!match(entry)) return
        clearTimeout(timer)
        listeners.delete(listener)
        resolve(entry)
      }
      listeners.add(listener)
    })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const ready = waitForLog((e) => e.msg === 'Pinnwand is running' && typeof e.url === 'string', 60_000)
  const url = (await Promise.race([
    ready,
    exited.then(() => Promise.reject(new Error(`server exited with ${child.exitCode ?? child.signalCode}`))),
  ])) as LogEntry
  const serverUrl = url.url as string

  let probeId = 0
  /** One question to the probe module (serverProbe.ts) over IPC. */
  const ask = <T>(question: { type: string; on?: boolean }) => {
    const id = ++probeId
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('server probe did not answer')), 10_000)
      const onMessage = (message: { type?: string; id?: number } & T) => {
        if (message.type !== question.type || message.id !== id) return
        clearTimeout(timer)
        child.off('message', onMessage)
        resolve(message)
      }
      child.on('message', onMessage)
      child.send({ ...question, id })
    })
  }
  return {
    url: serverUrl,
    port: Number(new URL(serverUrl).port),
    pid: child.pid!,
    dataDir,
    child,
    waitForLog,
    probe() {
      return ask<ProbeReading>({ type: 'probe' })
    },
    async httpTiming(on: boolean) {
      return (await ask<{ timings: ServerTiming[] }>({ type: 'http-timing', on })).timings
    },
    async stop({ keepData = false } = {}) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM')
        const killTimer = setTimeout(() => child.kill('SIGKILL'), 30_000)
        await exited
        clearTimeout(killTimer)
      }
      if (!keepData) rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

export interface BenchWorkshop {
  workshopId: string
  joinCode: string
  facilitatorToken: string
  boardIds: string[]
}

export async function createWorkshop(url: string, boards = 1): Promise<BenchWorkshop> {
  const body = await callApi(
    workshopRoutes.createWorkshop,
    { body: { title: 'Bench', boards: Array.from({ length: boards }, (_, i) => ({ title: `Tisch ${i + 1}` })) } },
    { baseUrl: url },
  )
  return {
    workshopId: body.workshop.id,
    joinCode: body.workshop.joinCode,
    facilitatorToken: body.facilitatorToken,
    boardIds: body.boards.map((b) => b.id),
  }
}

export async function createBoard(
  url: string,
): Promise<{ boardId: string; token: string; workshopId: string; joinCode: string }> {
  const w = await createWorkshop(url)
  return { boardId: w.boardIds[0]!, token: w.facilitatorToken, workshopId: w.workshopId, joinCode: w.joinCode }
}

export interface BenchParticipant {
  userId: string
  name: string
  token: string
}

/** Joins `count` participants through the API (a few requests at a time). */
export async function joinParticipants(
  url: string,
  workshop: BenchWorkshop,
  count: number,
): Promise<BenchParticipant[]> {
  const people: BenchParticipant[] = []
  const join = async (i: number) => {
    const name = `Person ${i + 1}`
    const body = await callApi(
      workshopRoutes.joinWorkshop,
      { params: { workshopId: workshop.workshopId }, body: { name, joinCode: workshop.joinCode } },
      { baseUrl: url },
    )
    people[i] = { userId: body.participantId, name, token: body.participantToken }
  }
  const CONCURRENCY = 8
  for (let start = 0; start < count; start += CONCURRENCY) {
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, count - start) }, (_, k) => join(start + k)))
  }
  return people
}

/** The user id the server knows a token by (authorId of that user's cards). */
export async function userIdOf(url: string, token: string): Promise<string> {
  return (await callApi(getMe, { token }, { baseUrl: url })).userId
}
