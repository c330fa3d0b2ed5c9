import { mkdirSync } from 'node:fs'
import path from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import { Kysely, SqliteDialect } from 'kysely'
import { type StoreWithAssets, withAssets } from './kyselyAssetStore.ts'
import { type StoreWithPrivateCards, withPrivateCards } from './kyselyPrivateCards.ts'
import { withBoardVersions, type WithBoardVersions } from './kyselyBoardVersionStore.ts'
import { KyselyStore, migrate } from './kyselyStore.ts'
import { type StoreWithTimers, withTimers } from './kyselyTimerStore.ts'
import { type StoreWithVoting, withVoting } from '../voting/kyselyVotingStore.ts'
import type { Database } from './schema.ts'
import { withStatementCache } from './statementCache.ts'

export interface StoreOptions {
  /** postgres://… switches to PostgreSQL; otherwise the embedded SQLite file under dataDir. */
  databaseUrl?: string | undefined
  /** PostgreSQL connections per instance (DATABASE_POOL_MAX). */
  databasePoolMax?: number
  dataDir: string
}

/** Opens (and migrates) the configured store. */
export async function openStore(
  options: StoreOptions,
): Promise<StoreWithPrivateCards<StoreWithAssets<StoreWithTimers<WithBoardVersions<StoreWithVoting>>>>> {
  if (options.databaseUrl) {
    const { openPostgresStore } = await import('./openPostgresStore.ts')
    return openPostgresStore(options.databaseUrl, { poolMax: options.databasePoolMax })
  }
  return openSqliteStore(path.join(options.dataDir, 'pinnwand.sqlite'))
}

export async function openSqliteStore(
  file: string,
): Promise<StoreWithPrivateCards<StoreWithAssets<StoreWithTimers<WithBoardVersions<StoreWithVoting>>>>> {
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
  await migrate(db, 'sqlite')
  return withPrivateCards(
    withAssets(
      withTimers(withBoardVersions(withVoting(new KyselyStore(db, 'sqlite'), db, 'sqlite'), db), db),
      db,
      'sqlite',
    ),
    db,
    'sqlite',
  )
}
