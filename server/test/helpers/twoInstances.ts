import { afterAll, beforeAll } from 'vitest'
import { type FreshDatabase, freshPostgres } from './freshPostgres.ts'
import { startTestServer, type TestServer } from './testServer.ts'

/**
 * An instance that starts in `beforeAll`: a suite holds it from the start (its tests close over
 * `a` and `b`), and every field reads the server running at that moment.
 */
class LateServer implements TestServer {
  running: TestServer | null = null
  private readonly label: string
  constructor(label: string) {
    this.label = label
  }
  private get started(): TestServer {
    if (!this.running) throw new Error(`instance ${this.label} is not running (used outside its suite?)`)
    return this.running
  }
  get server() {
    return this.started.server
  }
  get url() {
    return this.started.url
  }
  get dataDir() {
    return this.started.dataDir
  }
  stop(): Promise<void> {
    return this.started.stop()
  }
}

/**
 * One real server instance (in-process, its own SQLite) for a suite: registers the suite's
 * `beforeAll`/`afterAll`, as `twoInstances` does for a pair.
 */
export function oneInstance(env: Record<string, string> = {}): TestServer {
  const server = new LateServer('the only one')
  beforeAll(async () => {
    server.running = await startTestServer(env)
  })
  afterAll(() => server.running?.stop())
  return server
}

export interface TwoInstances {
  a: TestServer
  b: TestServer
  /** The suite's own PostgreSQL database (for a third instance or a direct look). */
  readonly databaseUrl: string
}

/**
 * Two real server instances in this process on one fresh PostgreSQL database and one Redis, as in
 * a scale-out deployment. Registers the suite's `beforeAll`/`afterAll`: call it inside a
 * `describe` that is skipped without DATABASE_URL and REDIS_URL. `env` adds to both instances'.
 * The suite's own `afterAll` hooks registered later run first (vitest runs them as a stack), so
 * its clients close before the servers stop.
 */
export function twoInstances(label: string, env: Record<string, string> = {}): TwoInstances {
  const a = new LateServer('A')
  const b = new LateServer('B')
  let database: FreshDatabase | null = null
  beforeAll(async () => {
    database = await freshPostgres(process.env.DATABASE_URL!, label)
    const shared = { ...env, DATABASE_URL: database.url, REDIS_URL: process.env.REDIS_URL! }
    a.running = await startTestServer(shared)
    b.running = await startTestServer(shared)
  })
  afterAll(async () => {
    await a.running?.stop()
    await b.running?.stop()
    await database?.drop()
  })
  return {
    a,
    b,
    get databaseUrl() {
      if (!database) throw new Error('the database of this suite is not created yet')
      return database.url
    },
  }
}
