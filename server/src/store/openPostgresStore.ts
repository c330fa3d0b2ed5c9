import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import { KyselyStore, migrate } from './kyselyStore.ts'
import type { Database } from './schema.ts'
import type { Store } from './Store.ts'

// BIGINT columns (timestamps, sequence numbers) fit in a JS number for this data.
pg.types.setTypeParser(20, (value: string) => Number(value))

export async function openPostgresStore(connectionString: string): Promise<Store> {
  const pool = new pg.Pool({ connectionString, max: 10 })
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  await migrate(db, 'postgres')
  return new KyselyStore(db, 'postgres')
}
