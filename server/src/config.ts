import path from 'node:path'
import { z } from 'zod'
import { type ConnectionBudgetLimits, DEFAULT_CONNECTION_BUDGET } from './limits/ConnectionBudget.ts'

export const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().optional(),
  REDIS_URL: z.string().optional(),
  TLDRAW_LICENSE_KEY: z.string().optional(),
  ADMIN_TOKEN: z.string().optional(),
  ADMIN_TOKEN_FILE: z.string().optional(),
  PUBLIC_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CLIENT_DIST: z.string().optional(),
  TICK_MS: z.coerce.number().int().min(1).max(1000).default(20),
  AWARENESS_MS: z.coerce.number().int().min(10).max(2000).default(100),
  IDLE_UNLOAD_MS: z.coerce.number().int().min(0).default(30_000),
  COMPACT_EVERY: z.coerce.number().int().min(1).default(500),
  METRICS_TOKEN: z.string().optional(),
  TRUST_PROXY: z.enum(['0', '1', 'true', 'false']).default('0'),
  CONNECTIONS_PER_IP: z.coerce.number().int().min(0).default(1000),
  RATE_LIMIT_PER_SECOND: z.coerce.number().min(0).default(20),
  RATE_LIMIT_BURST: z.coerce.number().int().min(1).default(60),
  MAX_DOCUMENT_BYTES: z.coerce.number().int().min(1024).default(33_554_432), // 32 MiB
  SLOW_CLIENT_BYTES: z.coerce.number().int().min(1024).default(16_777_216), // 16 MiB
  WS_UPDATES_PER_SECOND: z.coerce.number().min(0).default(DEFAULT_CONNECTION_BUDGET.updates.perSecond),
  WS_UPDATES_BURST: z.coerce.number().int().min(1).default(DEFAULT_CONNECTION_BUDGET.updates.burst),
  WS_AWARENESS_PER_SECOND: z.coerce.number().min(0).default(DEFAULT_CONNECTION_BUDGET.awareness.perSecond),
  WS_AWARENESS_BURST: z.coerce.number().int().min(1).default(DEFAULT_CONNECTION_BUDGET.awareness.burst),
  WS_BYTES_PER_SECOND: z.coerce.number().min(0).default(DEFAULT_CONNECTION_BUDGET.bytes.perSecond),
  WS_BYTES_BURST: z.coerce.number().int().min(1).default(DEFAULT_CONNECTION_BUDGET.bytes.burst),
  SHUTDOWN_DRAIN_MS: z.coerce.number().int().min(0).default(0),
  RELAY_HEARTBEAT_MS: z.coerce.number().int().min(50).default(2000),
  PRESENCE_FULL_UP_TO: z.coerce.number().int().min(2).default(30),
  PRESENCE_SHOWN: z.coerce.number().int().min(1).default(12),
  RELAY_SECRET: z.string().optional(),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(1000).default(10),
  WORKSHOPS_PER_HOUR: z.coerce.number().min(0).default(30),
  GUESSES_PER_MINUTE: z.coerce.number().int().min(0).default(10),
  JOIN_CODE_GRACE_DAYS: z.coerce.number().int().min(0).default(7),
  IMPORT_BODY_BYTES: z.coerce.number().int().min(1024).default(20_971_520), // 20 MiB
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(0).default(60_000),
  HEADERS_TIMEOUT_MS: z.coerce.number().int().min(0).default(15_000),
  RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  RETENTION_SWEEP_MS: z.coerce.number().int().min(0).default(3_600_000),
  // http(s) only: these become links in every page footer.
  IMPRINT_URL: z.url({ protocol: /^https?$/ }).optional(),
  PRIVACY_URL: z.url({ protocol: /^https?$/ }).optional(),
  ACCESSIBILITY_CONTACT: z.string().max(500).optional(),
  ACCESSIBILITY_STATEMENT_FILE: z.string().optional(),
})

export interface Config {
  port: number
  host: string
  dataDir: string
  databaseUrl: string | undefined
  databasePoolMax: number
  redisUrl: string | undefined
  tldrawLicenseKey: string | null
  /** Creating workshops from anywhere but this machine requires it (createServer fills it in). */
  adminToken: string | undefined
  /** Where a generated admin token is kept (DATA_DIR/admin-token; none with DATABASE_URL unless set). */
  adminTokenFile: string | undefined
  publicUrl: string | undefined
  logLevel: string
  clientDist: string
  tickMs: number
  awarenessMs: number
  idleUnloadMs: number
  compactEvery: number
  /** When set, `/metrics` requires `Authorization: Bearer <token>`. */
  metricsToken: string | undefined
  /** Take the client address from X-Forwarded-For (behind a reverse proxy). */
  trustProxy: boolean
  /** Open WebSocket connections per client address (0 = no limit). */
  connectionsPerIp: number
  /** API requests per second per bearer token, sustained (0 = no limit) and as a burst. */
  rateLimitPerSecond: number
  rateLimitBurst: number
  /** Largest encoded board document; updates beyond it are refused. */
  maxDocumentBytes: number
  /** Bytes queued to one socket before the client counts as too slow and is dropped. */
  slowClientBytes: number
  /** Messages and bytes per second one WebSocket may send (limits/ConnectionBudget.ts). */
  connectionBudget: ConnectionBudgetLimits
  /** On SIGTERM: report not-ready this long before closing sockets (load balancer grace). */
  shutdownDrainMs: number
  /** Scale-out relay heartbeat; a peer silent for three beats counts as gone. */
  relayHeartbeatMs: number
  /** Crowd presence: above `fullUpTo` people each client sees `shown` cursors (PresenceRelay). */
  crowdPresence: { fullUpTo: number; shown: number }
  /** Key of the relay messages' signatures; derived from DATABASE_URL's credentials when unset. */
  relaySecret: string | undefined
  /** Workshops one address (other than this machine) may create per hour (0 = no limit). */
  workshopsPerHour: number
  /** Wrong join codes or passphrases per address and minute before it is blocked (0 = off). */
  guessesPerMinute: number
  /** Join codes stop working this many days after the workshop's date (no date: never). */
  joinCodeGraceDays: number
  /** Largest board import body. */
  importBodyBytes: number
  /** Time to receive a whole request (headers and body) and the headers alone; 0 = none. */
  requestTimeoutMs: number
  headersTimeoutMs: number
  /** Days after a workshop's date (or creation) it is deleted, unless the workshop sets its own. */
  retentionDays: number
  /** How often the server looks for workshops due for deletion (0 = never: the operator deletes). */
  retentionSweepMs: number
  /** Operator's legal pages, linked in every page footer; the accessibility statement's contact and text. */
  legal: {
    imprintUrl: string | null
    privacyUrl: string | null
    accessibilityContact: string | null
    accessibilityStatementFile: string | null
  }
}

const repoRoot = path.resolve(import.meta.dirname, '../..')

/** Reads configuration from the environment (README lists every variable). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')
    throw new Error(`Invalid configuration: ${problems}`)
  }
  const e = parsed.data
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL || undefined,
    databasePoolMax: e.DATABASE_POOL_MAX,
    redisUrl: e.REDIS_URL || undefined,
    tldrawLicenseKey: e.TLDRAW_LICENSE_KEY || null,
    adminToken: e.ADMIN_TOKEN || undefined,
    // Several instances on one database would each invent their own token: there, set
    // ADMIN_TOKEN (or a shared ADMIN_TOKEN_FILE) or create workshops from the server itself.
    adminTokenFile: e.ADMIN_TOKEN_FILE
      ? path.resolve(e.ADMIN_TOKEN_FILE)
      : e.DATABASE_URL
        ? undefined
        : path.join(path.resolve(e.DATA_DIR), 'admin-token'),
    publicUrl: e.PUBLIC_URL?.replace(/\/$/, ''),
    logLevel: e.LOG_LEVEL,
    clientDist: path.resolve(e.CLIENT_DIST ?? path.join(repoRoot, 'client/dist')),
    tickMs: e.TICK_MS,
    awarenessMs: e.AWARENESS_MS,
    idleUnloadMs: e.IDLE_UNLOAD_MS,
    compactEvery: e.COMPACT_EVERY,
    metricsToken: e.METRICS_TOKEN || undefined,
    trustProxy: e.TRUST_PROXY === '1' || e.TRUST_PROXY === 'true',
    connectionsPerIp: e.CONNECTIONS_PER_IP,
    rateLimitPerSecond: e.RATE_LIMIT_PER_SECOND,
    rateLimitBurst: e.RATE_LIMIT_BURST,
    maxDocumentBytes: e.MAX_DOCUMENT_BYTES,
    slowClientBytes: e.SLOW_CLIENT_BYTES,
    connectionBudget: {
      updates: { perSecond: e.WS_UPDATES_PER_SECOND, burst: e.WS_UPDATES_BURST },
      awareness: { perSecond: e.WS_AWARENESS_PER_SECOND, burst: e.WS_AWARENESS_BURST },
      bytes: { perSecond: e.WS_BYTES_PER_SECOND, burst: e.WS_BYTES_BURST },
    },
    shutdownDrainMs: e.SHUTDOWN_DRAIN_MS,
    relayHeartbeatMs: e.RELAY_HEARTBEAT_MS,
    crowdPresence: { fullUpTo: e.PRESENCE_FULL_UP_TO, shown: e.PRESENCE_SHOWN },
    relaySecret: e.RELAY_SECRET || undefined,
    workshopsPerHour: e.WORKSHOPS_PER_HOUR,
    guessesPerMinute: e.GUESSES_PER_MINUTE,
    joinCodeGraceDays: e.JOIN_CODE_GRACE_DAYS,
    importBodyBytes: e.IMPORT_BODY_BYTES,
    requestTimeoutMs: e.REQUEST_TIMEOUT_MS,
    headersTimeoutMs: e.HEADERS_TIMEOUT_MS,
    retentionDays: e.RETENTION_DAYS,
    retentionSweepMs: e.RETENTION_SWEEP_MS,
    legal: {
      imprintUrl: e.IMPRINT_URL ?? null,
      privacyUrl: e.PRIVACY_URL ?? null,
      accessibilityContact: e.ACCESSIBILITY_CONTACT || null,
      accessibilityStatementFile: e.ACCESSIBILITY_STATEMENT_FILE ? path.resolve(e.ACCESSIBILITY_STATEMENT_FILE) : null,
    },
  }
}
