import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import { migrate } from './kyselyStore.ts'
import { extendStore, type StoreExtension } from './openStore.ts'
import { nameStatementsOf, StatementNames } from './preparedStatements.ts'
import type { Database } from './schema.ts'
import type { Store } from './Store.ts'

// BIGINT columns (timestamps, sequence numbers) fit in a JS number for this data.
pg.types.setTypeParser(20, (value: string) => Number(value))

/**
 * The connection pool, made safe for a database that goes away: a lost connection must fail
 * the request that needed it (503), never end the process.
 */
export function createPostgresPool(connectionString: string, max = 10, names?: StatementNames): pg.Pool {
  // A database behind a dead network hangs instead of failing: bound the wait for a connection,
  // so requests fail visibly (503) and rooms keep retrying their appends.
  const pool = new pg.Pool({ connectionString, max, connectionTimeoutMillis: 5000 })
  // An idle client losing its connection emits 'error' on the pool; unhandled, it would end the process.
  pool.on('error', () => undefined)
  // A checked-out client has no pool listener (pg-pool removes it on checkout): one that loses
  // its connection between two queries of a transaction would emit an unhandled 'error' and
  // end the process. The query that needed it fails by itself; this only keeps the process up.
  pool.on('connect', (client) => {
    client.on('error', () => undefined)
    if (names) nameStatementsOf(client, names)
  })
  return pool
}

export async function openPostgresStore<S extends object = object>(
  connectionString: string,
  { poolMax = 10 }: { poolMax?: number } = {},
  extend?: StoreExtension<S>,
): Promise<Store & S> {
  const names = new StatementNames()
  const pool = createPostgresPool(connectionString, poolMax, names)
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  await migrate(db, 'postgres', extend?.migrations?.('postgres'))
  names.enable()
  return extendStore(db, 'postgres', extend)
}
