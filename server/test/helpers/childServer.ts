import { type ChildProcess, spawn } from 'node:child_process'
import path from 'node:path'
import { createInterface } from 'node:readline'

const serverDir = path.resolve(import.meta.dirname, '../..')

export interface ChildServer {
  child: ChildProcess
  url: string
  /** Parsed JSON log lines so far. */
  logs: Record<string, unknown>[]
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

/**
 * Starts `node src/main.ts` (or `launch`) as a separate process on a free port.
 * Resolves with its URL once it logged 'Pinnwand is running'.
 */
export async function startChildServer(
  dataDir: string,
  env: Record<string, string> = {},
  /** Another start command (e.g. `pnpm start` from the repository root) instead of node. */
  launch: { command: string; args: string[]; cwd: string } = {
    command: process.execPath,
    args: ['src/main.ts'],
    cwd: serverDir,
  },
): Promise<ChildServer> {
  const child = spawn(launch.command, launch.args, {
    cwd: launch.cwd,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      CLIENT_DIST: path.join(dataDir, 'no-client'),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const logs: Record<string, unknown>[] = []
  let stderr = ''
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }))
  })
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        const entry = JSON.parse(line) as Record<string, unknown>
        logs.push(entry)
        if (entry.msg === 'Pinnwand is running' && typeof entry.url === 'string') resolve(entry.url)
      } catch {
        // Not a log line; ignore.
      }
    })
    void exited.then(({ code, signal }) => reject(new Error(`server exited early (${code ?? signal}): ${stderr}`)))
  })
  return { child, url, logs, exited }
}
