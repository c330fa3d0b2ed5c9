import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { describe } from 'vitest'
import { openSqliteStore, openStore } from '../src/store/openStore.ts'
import { runStoreContract } from './storeContract.ts'
import { waitFor } from './helpers/waitFor.ts'

runStoreContract('SQLite', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'pinnwand-store-'))
  const store = await openSqliteStore(path.join(dir, 'contract.sqlite'))
  return { store, cleanup: async () => rmSync(dir, { recursive: true, force: true }) }
})

const databaseUrl = process.env.DATABASE_URL

// Each run gets its own database, so runs are repeatable and never see each other's rows.
describe.skipIf(!databaseUrl)('PostgreSQL (DATABASE_URL)', () => {
  runStoreContract('PostgreSQL', async () => {
    const name = `pinnwand_contract_${process.pid}_${randomBytes(4).toString('hex')}`
    const admin = new pg.Client({ connectionString: databaseUrl })
    await admin.connect()
    await admin.query(`CREATE DATABASE ${name}`)
    await admin.end()
    const url = new URL(databaseUrl!)
    url.pathname = `/${name}`
    const store = await openStore({ databaseUrl: url.toString(), dataDir: tmpdir() })
    return {
      store,
      cleanup: async () => {
        const drop = new pg.Client({ connectionString: databaseUrl })
        await drop.connect()
        // The closed pool's sockets may still be saying goodbye; no FORCE (it would kill them
        // mid-close and surface as unhandled errors), just retry until they are gone.
        await waitFor(() => drop.query(`DROP DATABASE IF EXISTS ${name}`).then(() => true), {
          timeout: 10_000,
          interval: 50,
          what: `dropping ${name}`,
        })
        await drop.end()
      },
    }
  })
})
