import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type BoardVersionRow, type BoardVersionStore, VersionReason } from '../src/history/BoardVersionStore.ts'
import { featureStores } from '../src/features/index.ts'
import { openSqliteStore, openStore } from '../src/store/openStore.ts'
import type { Store } from '../src/store/Store.ts'
import { addWorkshopWithBoard } from './helpers/storeRows.ts'
import { waitFor } from './helpers/waitFor.ts'

type StoreWithVersions = Store & { versions: BoardVersionStore }

let counter = 0
const uid = (prefix: string) => `${prefix}_${++counter}_${randomBytes(4).toString('hex')}`

const addBoard = async (store: Store): Promise<string> => (await addWorkshopWithBoard(store)).boardId

const version = (boardId: string, reason: VersionReason, name: string, extra: Partial<BoardVersionRow> = {}) => ({
  id: uid('ver'),
  boardId,
  name,
  reason,
  createdAt: 1_700_000_000_000 + counter,
  createdBy: 'Moderation',
  recordCount: 3,
  detail: { ideas: 1 },
  ...extra,
})

/** The board version store's behaviour, whatever the database. */
function runVersionStoreContract(
  name: string,
  open: () => Promise<{ store: StoreWithVersions; cleanup: () => Promise<void> }>,
) {
  describe(`board version store: ${name}`, () => {
    let store: StoreWithVersions
    let cleanup: () => Promise<void>
    beforeAll(async () => {
      ;({ store, cleanup } = await open())
    })
    afterAll(async () => {
      await store?.close()
      await cleanup?.()
    })

    it('keeps versions with their state, lists them newest first without states', async () => {
      const boardId = await addBoard(store)
      const state = new Uint8Array(randomBytes(4096))
      const first = version(boardId, VersionReason.manual, 'Vor der Pause – Ümläute 🌳', { createdBy: null })
      const second = version(boardId, VersionReason.phase, 'Phase changed to cluster', { detail: { phase: 'cluster' } })
      // Same timestamp on purpose: order is the order of saving, not of the (jumpy) clock.
      second.createdAt = first.createdAt
      await store.versions.addVersion(first, state, 200)
      await store.versions.addVersion(second, new Uint8Array([1, 2, 3]), 200)

      const list = await store.versions.listVersions(boardId)
      expect(list.map((v) => v.id)).toEqual([second.id, first.id])
      expect(list[1]).toEqual(first)
      expect(list[0]).toEqual(second)
      expect(list[0]).not.toHaveProperty('state')

      const loaded = await store.versions.getVersion(boardId, first.id)
      expect(loaded?.version).toEqual(first)
      expect(Buffer.from(loaded!.state).equals(Buffer.from(state))).toBe(true)
    })

    it('finds a version only through its own board', async () => {
      const a = await addBoard(store)
      const b = await addBoard(store)
      const v = version(a, VersionReason.manual, 'a')
      await store.versions.addVersion(v, new Uint8Array([9]), 200)
      expect(await store.versions.getVersion(b, v.id)).toBeNull()
      expect(await store.versions.getVersion(a, 'ver_unknown')).toBeNull()
      expect(await store.versions.listVersions(b)).toEqual([])
    })

    it('keeps the newest automatic versions up to the cap and every manual one', async () => {
      const boardId = await addBoard(store)
      const other = await addBoard(store)
      await store.versions.addVersion(version(other, VersionReason.phase, 'other board'), new Uint8Array([0]), 2)
      const manual = []
      for (let i = 0; i < 3; i++) {
        const m = version(boardId, VersionReason.manual, `manual ${i}`)
        manual.push(m.id)
        await store.versions.addVersion(m, new Uint8Array([i]), 2)
      }
      const automatic = []
      for (const reason of [
        VersionReason.phase,
        VersionReason.round,
        VersionReason.restore,
        VersionReason.massDelete,
      ]) {
        const a = version(boardId, reason, reason)
        automatic.push(a.id)
        await store.versions.addVersion(a, new Uint8Array([7]), 2)
      }
      const ids = (await store.versions.listVersions(boardId)).map((v) => v.id)
      expect(ids).toEqual([automatic[3], automatic[2], ...manual.reverse()])
      // Another board's versions are not touched by this board's cap.
      expect(await store.versions.listVersions(other)).toHaveLength(1)
    })
  })
}

runVersionStoreContract('SQLite', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'pinnwand-versions-'))
  const store = await openSqliteStore(path.join(dir, 'versions.sqlite'), featureStores)
  return { store, cleanup: async () => rmSync(dir, { recursive: true, force: true }) }
})

const databaseUrl = process.env.DATABASE_URL

describe.skipIf(!databaseUrl)('PostgreSQL (DATABASE_URL)', () => {
  runVersionStoreContract('PostgreSQL', async () => {
    const name = `pinnwand_versions_${process.pid}_${randomBytes(4).toString('hex')}`
    const admin = new pg.Client({ connectionString: databaseUrl })
    await admin.connect()
    await admin.query(`CREATE DATABASE ${name}`)
    await admin.end()
    const url = new URL(databaseUrl!)
    url.pathname = `/${name}`
    const store = await openStore({ databaseUrl: url.toString(), dataDir: tmpdir() }, featureStores)
    return {
      store,
      cleanup: async () => {
        const drop = new pg.Client({ connectionString: databaseUrl })
        await drop.connect()
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
