import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe } from 'vitest'
import { featureStores, type FeatureStores } from '../../src/features/index.ts'
import { openSqliteStore, openStore } from '../../src/store/openStore.ts'
import type { Store } from '../../src/store/Store.ts'
import { freshPostgres } from './freshPostgres.ts'

/** A migrated store with every feature's store, and how to remove what it created. */
export type OpenFeatureStore = () => Promise<{ store: Store & FeatureStores; cleanup: () => Promise<void> }>

/**
 * Runs a store contract on both databases: a fresh SQLite file, and with DATABASE_URL a fresh
 * PostgreSQL database (skipped without it). `label` names the file and the database.
 */
export function onBothDatabases(label: string, contract: (name: string, open: OpenFeatureStore) => void): void {
  contract('SQLite', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), `pinnwand-${label}-`))
    const store = await openSqliteStore(path.join(dir, `${label}.sqlite`), featureStores)
    return { store, cleanup: async () => rmSync(dir, { recursive: true, force: true }) }
  })
  const databaseUrl = process.env.DATABASE_URL
  describe.skipIf(!databaseUrl)('PostgreSQL (DATABASE_URL)', () => {
    contract('PostgreSQL', async () => {
      const database = await freshPostgres(databaseUrl!, label)
      const store = await openStore({ databaseUrl: database.url, dataDir: tmpdir() }, featureStores)
      return { store, cleanup: () => database.drop() }
    })
  })
}
