import type { ClientSpec } from '../load/clientAdapters.ts'
import { type ServerKind, startPeer } from './peerProcess.ts'
import {
  type BenchServer,
  type BenchWorkshop,
  createWorkshop,
  joinParticipants,
  startPinnwand,
  type StartOptions,
} from './serverProcess.ts'

/** How simulated clients take others' awareness (BENCH_AWARENESS=apply: as in a browser). */
export const awarenessMode: 'count' | 'apply' = process.env.BENCH_AWARENESS === 'apply' ? 'apply' : 'count'

/** A server under test, with one client spec per simulated person. */
export interface Target {
  kind: ServerKind
  pid: number
  specs: ClientSpec[]
  /** Set for our server: the process and the workshop the clients joined. */
  pinnwand?: { server: BenchServer; workshop: BenchWorkshop }
  stop(): Promise<void>
}

/**
 * Starts `kind` in its own process and prepares `clients` people spread evenly over `boards`
 * boards. On our server every person is a participant who joined through the API (their own
 * token and user id, so the server's permission checks run as in a workshop); the peers have
 * no auth and take any document name.
 */
export async function startTarget(
  kind: ServerKind,
  { clients, boards = 1, env = {} }: { clients: number; boards?: number; env?: Record<string, string> },
  startOptions: StartOptions = {},
): Promise<Target> {
  if (kind === 'pinnwand') {
    const server = await startPinnwand({ ...startOptions, env: { ...env, ...startOptions.env } })
    try {
      const workshop = await createWorkshop(server.url, boards)
      const people = await joinParticipants(server.url, workshop, clients)
      const wsUrl = `${server.url.replace(/^http/, 'ws')}/ws`
      return {
        kind,
        pid: server.pid,
        pinnwand: { server, workshop },
        specs: people.map((p, i) => ({
          index: i,
          protocol: 'y-websocket',
          url: wsUrl,
          room: workshop.boardIds[i % boards]!,
          params: { token: p.token },
          userId: p.userId,
          name: p.name,
          awareness: awarenessMode,
        })),
        stop: () => server.stop(),
      }
    } catch (error) {
      await server.stop()
      throw error
    }
  }
  const peer = await startPeer(kind)
  return {
    kind,
    pid: peer.pid,
    specs: Array.from({ length: clients }, (_, i) => ({
      index: i,
      protocol: kind === 'hocuspocus' ? 'hocuspocus' : 'y-websocket',
      url: peer.url,
      room: `board-${i % boards}`,
      userId: `u${i}`,
      name: `Person ${i + 1}`,
      awareness: awarenessMode,
    })),
    stop: () => peer.stop(),
  }
}
