import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import { withBoardVersions, type WithBoardVersions } from './kyselyBoardVersionStore.ts'
import { KyselyStore, migrate } from './kyselyStore.ts'
import { type StoreWithTimers, withTimers } from './kyselyTimerStore.ts'
import { type StoreWithVoting, withVoting } from './kyselyVotingStore.ts'
import type { Database } from './schema.ts'

// BIGINT columns (timestamps, sequence numbers) fit in a JS number for this data.
pg.types.setTypeParser(20, (value: string) => Number(value))

export async function openPostgresStore(
  connectionString: string,
): Promise<StoreWithTimers<WithBoardVersions<StoreWithVoting>>> {
  // A database behind a dead network hangs instead of failing: bound the wait for a connection,
  // so requests fail visibly (503) and rooms keep retrying their appends.
  const pool = new pg.Pool({ connectionString, max: 10, connectionTimeoutMillis: 5000 })
  // An idle client losing its connection emits 'error' on the pool; unhandled, it would end the process.
  pool.on('error', () => undefined)
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  await migrate(db, 'postgres')
  return withTimers(withBoardVersions(withVoting(new KyselyStore(db, 'postgres'), db, 'postgres'), db), db)
}
