import path from 'node:path'
import { z } from 'zod'

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().optional(),
  REDIS_URL: z.string().optional(),
  TLDRAW_LICENSE_KEY: z.string().optional(),
  ADMIN_TOKEN: z.string().optional(),
  PUBLIC_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CLIENT_DIST: z.string().optional(),
  TICK_MS: z.coerce.number().int().min(1).max(1000).default(20),
  AWARENESS_MS: z.coerce.number().int().min(10).max(2000).default(100),
  IDLE_UNLOAD_MS: z.coerce.number().int().min(0).default(30_000),
  COMPACT_EVERY: z.coerce.number().int().min(1).default(500),
})

export interface Config {
  port: number
  host: string
  dataDir: string
  databaseUrl: string | undefined
  redisUrl: string | undefined
  tldrawLicenseKey: string | null
  adminToken: string | undefined
  publicUrl: string | undefined
  logLevel: string
  clientDist: string
  tickMs: number
  awarenessMs: number
  idleUnloadMs: number
  compactEvery: number
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
    redisUrl: e.REDIS_URL || undefined,
    tldrawLicenseKey: e.TLDRAW_LICENSE_KEY || null,
    adminToken: e.ADMIN_TOKEN || undefined,
    publicUrl: e.PUBLIC_URL?.replace(/\/$/, ''),
    logLevel: e.LOG_LEVEL,
    clientDist: path.resolve(e.CLIENT_DIST ?? path.join(repoRoot, 'client/dist')),
    tickMs: e.TICK_MS,
    awarenessMs: e.AWARENESS_MS,
    idleUnloadMs: e.IDLE_UNLOAD_MS,
    compactEvery: e.COMPACT_EVERY,
  }
}
