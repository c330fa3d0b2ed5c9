import { mkdirSync } from 'node:fs'
import path from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import { Kysely, SqliteDialect } from 'kysely'
import { KyselyStore, migrate } from './kyselyStore.ts'
import type { Dialect, Migrations } from './migrations.ts'
import type { Database } from './schema.ts'
import type { Store } from './Store.ts'
import { withStatementCache } from './statementCache.ts'

export interface StoreOptions {
  /** postgres://… switches to PostgreSQL; otherwise the embedded SQLite file under dataDir. */
  databaseUrl?: string | undefined
  /** PostgreSQL connections per instance (DATABASE_POOL_MAX). */
  databasePoolMax?: number
  dataDir: string
}

/**
 * The features' stores on the opened database (same connection pool): what `extend` returns is
 * merged into the store object. createServer passes every feature's (features/index.ts); this
 * file names no feature.
 */
export interface StoreExtension<S extends object> {
  (db: Kysely<Database>, dialect: Dialect): S
  /** The features' migrations, run with the core's before the stores are built. */
  readonly migrations?: (dialect: Dialect) => Migrations
}

/** Opens (and migrates) the configured store, with the features' stores added by `extend`. */
export async function openStore<S extends object = object>(
  options: StoreOptions,
  extend?: StoreExtension<S>,
): Promise<Store & S> {
  if (options.databaseUrl) {
    const { openPostgresStore } = await import('./openPostgresStore.ts')
    return openPostgresStore(options.databaseUrl, { poolMax: options.databasePoolMax }, extend)
  }
  return openSqliteStore(path.join(options.dataDir, 'pinnwand.sqlite'), extend)
}

/** The core store with the features' stores merged in. */
export function extendStore<S extends object>(
  db: Kysely<Database>,
  dialect: Dialect,
  extend: StoreExtension<S> | undefined,
): Store & S {
  const store = new KyselyStore(db, dialect)
  return Object.assign(store, extend?.(db, dialect) ?? ({} as S))
}

export async function openSqliteStore<S extends object = object>(
  file: string,
  extend?: StoreExtension<S>,
): Promise<Store & S> {
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true })
  const database = new SqliteDatabase(file)
  // WAL + NORMAL survives a killed process without losing committed transactions
  // (only a power loss may drop the last ones); foreign keys are off by default in SQLite.
  database.pragma('journal_mode = WAL')
  database.pragma('synchronous = NORMAL')
  database.pragma('foreign_keys = ON')
  database.pragma('busy_timeout = 5000')
  // Deleted rows are overwritten, not just unlinked: a workshop past its retention period or a
  // removed name must not linger in free pages of the file (data protection, issue 20).
  database.pragma('secure_delete = ON')
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) })
  await migrate(db, 'sqlite', extend?.migrations?.('sqlite'))
  return extendStore(db, 'sqlite', extend)
}
