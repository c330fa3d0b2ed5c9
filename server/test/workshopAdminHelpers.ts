import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { afterAll, beforeAll } from 'vitest'
import { waitFor } from './helpers/waitFor.ts'

/**
 * A database of its own on the PostgreSQL of DATABASE_URL for the enclosing describe block:
 * created before, dropped after. Runs never see each other's rows or half-applied migrations.
 */
export function freshPostgresDatabase(label: string): { url: string } {
  const base = process.env.DATABASE_URL
  // describe.skipIf still collects the block: without a PostgreSQL, nothing to set up.
  if (!base) return { url: '' }
  const name = `pinnwand_${label}_${process.pid}_${randomBytes(4).toString('hex')}`
  const target = new URL(base)
  target.pathname = `/${name}`
  const database = { url: target.toString() }
  const admin = async (query: string) => {
    const client = new pg.Client({ connectionString: base })
    await client.connect()
    try {
      await client.query(query)
    } finally {
      await client.end()
    }
  }
  beforeAll(() => admin(`CREATE DATABASE ${name}`))
  afterAll(() =>
    // The server's pool may still be closing its sockets: retry until they are gone.
    waitFor(() => admin(`DROP DATABASE IF EXISTS ${name}`).then(() => true), {
      timeout: 10_000,
      interval: 50,
      what: `dropping ${name}`,
    }),
  )
  return database
}
