import { spawn } from 'node:child_process'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { killOnExit } from './cleanup.ts'

/** The servers the load generator compares. */
export const ServerKind = {
  pinnwand: 'pinnwand',
  reference: 'y-websocket-server',
  hocuspocus: 'hocuspocus',
} as const
export type ServerKind = (typeof ServerKind)[keyof typeof ServerKind]

export interface PeerServer {
  kind: ServerKind
  /** WebSocket base URL; clients append the document name. */
  url: string
  pid: number
  stop(): Promise<void>
}

const scripts: Record<Exclude<ServerKind, 'pinnwand'>, string> = {
  'y-websocket-server': 'referenceServer.ts',
  hocuspocus: 'hocuspocusServer.ts',
}

/** Starts a peer server (bench/peers/*) in its own process, like ours. */
export async function startPeer(kind: Exclude<ServerKind, 'pinnwand'>): Promise<PeerServer> {
  const child = spawn(process.execPath, [path.join(import.meta.dirname, '../peers', scripts[kind])], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  killOnExit(child)
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${kind} did not start`)), 30_000)
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        const message = JSON.parse(line) as { ready?: boolean; url?: string }
        if (message.ready && message.url) {
          clearTimeout(timer)
          resolve(message.url)
        }
      } catch {
        // other output
      }
    })
    void exited.then(() => reject(new Error(`${kind} exited with ${child.exitCode ?? child.signalCode}`)))
  })
  return {
    kind,
    url,
    pid: child.pid!,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return
      child.kill('SIGTERM')
      const killTimer = setTimeout(() => child.kill('SIGKILL'), 10_000)
      await exited
      clearTimeout(killTimer)
    },
  }
}
