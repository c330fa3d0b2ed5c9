import { tmpdir } from 'node:os'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { compactFromStore } from '../src/relay/compactFromStore.ts'
import { openStore } from '../src/store/openStore.ts'
import type { Store } from '../src/store/Store.ts'
import { type FreshDatabase, freshPostgres } from './helpers/freshPostgres.ts'

const databaseUrl = process.env.DATABASE_URL

/**
 * Two instances append to one board's log while one of them compacts from the store. On
 * PostgreSQL an append draws its `seq` and commits later; another append can draw a higher one
 * and commit first. A compaction in between must not fold the later entry into its snapshot and
 * leave the earlier one below it: that entry would never be read again (found by the
 * two-instance convergence fuzz under load; store/kyselyBoardLog.ts, `appendBoardUpdate`).
 */
describe.skipIf(!databaseUrl)('compaction while an earlier append is still committing (PostgreSQL)', () => {
  let database: FreshDatabase
  let store: Store
  let admin: pg.Client

  beforeAll(async () => {
    database = await freshPostgres(databaseUrl!, 'compactrace')
    store = await openStore({ databaseUrl: database.url, dataDir: tmpdir() })
    admin = new pg.Client({ connectionString: database.url })
    await admin.connect()
    // An append whose update holds the word "slow" draws its seq, then takes 0.6 s to commit.
    // (Nothing shared with other appends, so they do not wait for it.)
    await admin.query(`
      CREATE FUNCTION slow_append() RETURNS trigger AS $$
      BEGIN
        IF position(convert_to('slow', 'UTF8') in NEW.data) > 0 THEN PERFORM pg_sleep(0.6); END IF;
        RETURN NEW;
      END $$ LANGUAGE plpgsql`)
    await admin.query(
      `CREATE TRIGGER slow_append AFTER INSERT ON board_updates FOR EACH ROW EXECUTE FUNCTION slow_append()`,
    )
  })

  afterAll(async () => {
    await admin?.end()
    await store?.close()
    await database?.drop()
  })

  it('keeps the entry that committed last although its seq is lower', async () => {
    const boardId = 'b_race'
    const source = new Y.Doc()
    const records = source.getMap('records')
    const change = (key: string) => {
      const before = Y.encodeStateVector(source)
      records.set(key, key)
      return Y.encodeStateAsUpdate(source, before)
    }
    await store.appendUpdate(boardId, change('first'))
    // Instance A's append draws its number and is still committing …
    const slow = store.appendUpdate(boardId, change('slow'))
    await new Promise((resolve) => setTimeout(resolve, 150))
    // … while instance B appends after it (a higher seq, committed first) and compacts.
    const fastSeq = await store.appendUpdate(boardId, change('fast'))
    await compactFromStore(store, boardId)
    const slowSeq = await slow
    expect(slowSeq).toBeLessThan(fastSeq)

    const stored = await store.loadBoardDocument(boardId)
    const rebuilt = new Y.Doc()
    if (stored.snapshot) Y.applyUpdate(rebuilt, stored.snapshot)
    for (const update of stored.updates) Y.applyUpdate(rebuilt, update.data)
    expect(rebuilt.getMap('records').toJSON()).toEqual({ first: 'first', slow: 'slow', fast: 'fast' })
  })
})
