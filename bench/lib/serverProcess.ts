import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createInterface } from 'node:readline'

const repoRoot = path.resolve(import.meta.dirname, '../..')

export interface BenchServer {
  url: string
  child: ChildProcess
  stop(): Promise<void>
}

/** Our server as its own process (as in production), on a free port with a fresh database. */
export async function startPinnwand(env: Record<string, string> = {}): Promise<BenchServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'pinnwand-bench-'))
  const child = spawn(process.execPath, [path.join(repoRoot, 'server/src/main.ts')], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        const entry = JSON.parse(line) as { msg?: string; url?: string }
        if (entry.msg === 'Pinnwand is running' && entry.url) resolve(entry.url)
      } catch {
        // not a log line
      }
    })
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)))
  })
  return {
    url,
    child,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.kill('SIGTERM')
      await exited
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

export async function createBoard(url: string): Promise<{ boardId: string; token: string; workshopId: string; joinCode: string }> {
  const res = await fetch(`${url}/api/workshops`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'Bench', boards: [{ title: 'Tisch' }] }),
  })
  const body = (await res.json()) as { boards: { id: string }[]; facilitatorToken: string; workshop: { id: string; joinCode: string } }
  return { boardId: body.boards[0]!.id, token: body.facilitatorToken, workshopId: body.workshop.id, joinCode: body.workshop.joinCode }
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}

export const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits
