/**
 * `pnpm bench [name…] [--quick]`: runs every benchmark (or the named ones) in turn and prints
 * one JSON object per line. Benchmarks are measurements, not tests: they never fail a build.
 * `--quick` runs small sizes (for the smoke test); its figures mean nothing.
 */
import { spawn } from 'node:child_process'
import path from 'node:path'
import { createInterface } from 'node:readline'

interface Bench {
  name: string
  file: string
  /** Hard limit for the whole benchmark; afterwards its process group is killed. */
  limitMinutes: number
}

export const benches: Bench[] = [
  { name: 'card-latency', file: 'cardLatency.ts', limitMinutes: 3 },
  { name: 'export-pdf', file: 'exportPdf.ts', limitMinutes: 5 },
  { name: 'plenary', file: 'plenary.ts', limitMinutes: 20 },
  { name: 'many-boards', file: 'manyBoards.ts', limitMinutes: 20 },
  { name: 'crowd-server', file: 'crowdServer.ts', limitMinutes: 30 },
  { name: 'dot-voting', file: 'dotVoting.ts', limitMinutes: 5 },
  { name: 'vote-burst', file: 'voteBurst.ts', limitMinutes: 10 },
  { name: 'control-room', file: 'controlRoom.ts', limitMinutes: 5 },
  { name: 'cold-load', file: 'coldLoad.ts', limitMinutes: 5 },
  { name: 'browser-load', file: 'browserLoad.ts', limitMinutes: 20 },
  { name: 'crowd-device', file: 'crowdDevice.ts', limitMinutes: 30 },
  { name: 'reconnect', file: 'reconnect.ts', limitMinutes: 5 },
  { name: 'doc-growth', file: 'docGrowth.ts', limitMinutes: 25 },
  { name: 'import-stall', file: 'importStall.ts', limitMinutes: 5 },
]

/** Runs one benchmark in its own process group; resolves with its JSON lines. */
export function runBench(bench: Bench, { quick = false, onLine = (_: string) => {} } = {}): Promise<string[]> {
  const child = spawn(process.execPath, [path.join(import.meta.dirname, bench.file)], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ...(quick ? { BENCH_QUICK: '1', BENCH_CARDS: process.env.BENCH_CARDS ?? '50' } : {}) },
    // Its own group, so servers, load workers and browsers it started go with it on a timeout.
    detached: true,
  })
  const lines: string[] = []
  createInterface({ input: child.stdout! }).on('line', (line) => {
    if (!line.startsWith('{')) return
    lines.push(line)
    onLine(line)
  })
  const limitMs = (quick ? Math.min(bench.limitMinutes, 4) : bench.limitMinutes) * 60_000
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    killGroup(child.pid!)
  }, limitMs)
  current = child.pid ?? null
  return new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      clearTimeout(timer)
      current = null
      if (timedOut) {
        const line = JSON.stringify({
          bench: bench.name,
          error: `stopped after the time limit of ${limitMs / 60_000} min`,
        })
        lines.push(line)
        onLine(line)
      } else if (code !== 0) {
        const line = JSON.stringify({ bench: bench.name, error: `exited with ${code ?? signal}` })
        lines.push(line)
        onLine(line)
      }
      // Whatever the benchmark left behind (a server after a crash) goes too.
      killGroup(child.pid!)
      resolve(lines)
    })
  })
}

let current: number | null = null

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL')
  } catch {
    // already gone
  }
}

if (import.meta.main) {
  const args = process.argv.slice(2)
  const quick = args.includes('--quick')
  const names = args.filter((a) => !a.startsWith('--'))
  const unknown = names.filter((n) => !benches.some((b) => b.name === n || b.file === n))
  if (unknown.length > 0) {
    console.error(`unknown benchmark ${unknown.join(', ')}; one of: ${benches.map((b) => b.name).join(', ')}`)
    process.exit(2)
  }
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (current) killGroup(current)
      process.exit(130)
    })
  }
  for (const bench of benches) {
    if (names.length > 0 && !names.some((n) => n === bench.name || n === bench.file)) continue
    await runBench(bench, { quick, onLine: (line) => console.log(line) })
  }
}
