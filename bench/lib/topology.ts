import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { type BenchServer, startPinnwand } from './serverProcess.ts'

/**
 * Where our server runs for a scenario: one instance on its embedded SQLite (the default), one
 * on PostgreSQL, or two instances sharing PostgreSQL and Redis (scale-out, docs/operations.md).
 */
export const Topology = { sqlite: 'sqlite', postgres: 'postgres', cluster: 'cluster' } as const
export type Topology = (typeof Topology)[keyof typeof Topology]

export interface BenchDeployment {
  topology: Topology
  /** One or two instances; clients are spread over them round robin. */
  servers: BenchServer[]
  stop(): Promise<void>
}

/** The topologies asked for (`BENCH_TOPOLOGIES=sqlite,postgres,cluster`), else the scenario's own. */
export function topologiesToRun(defaults = 'sqlite,postgres,cluster'): Topology[] {
  const asked = (process.env.BENCH_TOPOLOGIES ?? defaults).split(',').map((t) => t.trim())
  const unknown = asked.filter((t) => !(t in Topology))
  if (unknown.length > 0) throw new Error(`unknown topology ${unknown.join(', ')}; one of sqlite, postgres, cluster`)
  return asked as Topology[]
}

/** Why a topology cannot run here (its database or Redis is not configured), or null. */
export function missingFor(topology: Topology): string | null {
  if (topology === 'sqlite') return null
  if (!process.env.DATABASE_URL) return 'DATABASE_URL is not set'
  if (topology === 'cluster' && !process.env.REDIS_URL) return 'REDIS_URL is not set'
  return null
}

/**
 * Starts the instances of `topology`. PostgreSQL gets a fresh database next to DATABASE_URL's
 * (dropped in `stop`), so runs never see each other's rows.
 */
export async function startDeployment(topology: Topology, env: Record<string, string> = {}): Promise<BenchDeployment> {
  if (topology === 'sqlite') {
    const server = await startPinnwand({ env })
    return { topology, servers: [server], stop: () => server.stop() }
  }
  const database = await freshDatabase(process.env.DATABASE_URL!)
  const servers: BenchServer[] = []
  const stop = async () => {
    await Promise.all(servers.map((s) => s.stop()))
    await database.drop()
  }
  try {
    const shared = {
      ...env,
      DATABASE_URL: database.url,
      ...(topology === 'cluster' ? { REDIS_URL: process.env.REDIS_URL! } : {}),
    }
    // One after the other: the first runs the migrations on the empty database.
    for (let i = 0; i < (topology === 'cluster' ? 2 : 1); i++) servers.push(await startPinnwand({ env: shared }))
  } catch (error) {
    await stop()
    throw error
  }
  return { topology, servers, stop }
}

async function withClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return await run(client)
  } finally {
    await client.end()
  }
}

async function freshDatabase(adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `pinnwand_bench_${process.pid}_${randomBytes(4).toString('hex')}`
  await withClient(adminUrl, (c) => c.query(`CREATE DATABASE ${name}`))
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    drop: () =>
      withClient(adminUrl, async (c) => {
        // A server killed at the time limit leaves sessions that PostgreSQL ends only slowly.
        await c.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [name])
        for (let attempt = 0; ; attempt++) {
          try {
            await c.query(`DROP DATABASE IF EXISTS ${name}`)
            return
          } catch (error) {
            if (attempt >= 50) throw error
            await new Promise((r) => setTimeout(r, 200))
          }
        }
      }),
  }
}
