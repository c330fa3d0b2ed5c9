import type { ClientSpec } from '../load/clientAdapters.ts'
import { type ServerKind, startPeer } from './peerProcess.ts'
import { startDeployment, type Topology } from './topology.ts'
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
  /** The (first) server process. */
  pid: number
  /** Every server process (two for our server on the cluster topology). */
  pids: number[]
  specs: ClientSpec[]
  /**
   * Set for our server: the process (the first instance) and the workshop the clients joined;
   * `servers` holds every instance.
   */
  pinnwand?: { server: BenchServer; servers: BenchServer[]; workshop: BenchWorkshop }
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
  {
    clients,
    boards = 1,
    env = {},
    topology,
  }: { clients: number; boards?: number; env?: Record<string, string>; topology?: Topology },
  startOptions: StartOptions = {},
): Promise<Target> {
  if (kind === 'pinnwand') {
    // A topology (topology.ts) may run two instances; clients are then spread over both.
    const deployment = topology
      ? await startDeployment(topology, env)
      : await startPinnwand({ ...startOptions, env: { ...env, ...startOptions.env } }).then((s) => ({
          servers: [s],
          stop: () => s.stop(),
        }))
    const { servers } = deployment
    const server = servers[0]!
    try {
      const workshop = await createWorkshop(server.url, boards)
      const people = await joinParticipants(server.url, workshop, clients)
      const wsUrl = (i: number) => `${servers[i % servers.length]!.url.replace(/^http/, 'ws')}/ws`
      return {
        kind,
        pid: server.pid,
        pids: servers.map((s) => s.pid),
        pinnwand: { server, servers, workshop },
        specs: people.map((p, i) => ({
          index: i,
          protocol: 'y-websocket',
          url: wsUrl(i),
          room: workshop.boardIds[i % boards]!,
          params: { token: p.token },
          userId: p.userId,
          name: p.name,
          awareness: awarenessMode,
        })),
        stop: () => deployment.stop(),
      }
    } catch (error) {
      await deployment.stop()
      throw error
    }
  }
  const peer = await startPeer(kind)
  return {
    kind,
    pid: peer.pid,
    pids: [peer.pid],
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
