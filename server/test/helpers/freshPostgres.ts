import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { waitFor } from './waitFor.ts'

export interface FreshDatabase {
  url: string
  /** Drops the database (after every server using it has closed its pool). */
  drop(): Promise<void>
}

/** A new, empty PostgreSQL database next to `DATABASE_URL`'s, so runs never see each other's rows. */
export async function freshPostgres(databaseUrl: string, label: string): Promise<FreshDatabase> {
  const name = `pinnwand_${label}_${process.pid}_${randomBytes(4).toString('hex')}`
  const admin = new pg.Client({ connectionString: databaseUrl })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  await admin.end()
  const url = new URL(databaseUrl)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: databaseUrl })
      await client.connect()
      // Killed child servers leave sessions behind that PostgreSQL ends only slowly.
      await client.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
        [name],
      )
      await waitFor(() => client.query(`DROP DATABASE IF EXISTS ${name}`).then(() => true), {
        timeout: 10_000,
        interval: 100,
        what: `dropping ${name}`,
      })
      await client.end()
    },
  }
}
