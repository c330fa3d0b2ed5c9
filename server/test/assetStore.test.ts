import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BoardAssetRow } from '../src/assets/AssetStore.ts'
import { assetStoreOf } from '../src/assets/assetRoutes.ts'
import type { Store } from '../src/store/Store.ts'
import { onBothDatabases, type OpenFeatureStore } from './helpers/bothDatabases.ts'
import { addWorkshopWithBoard } from './helpers/storeRows.ts'

let counter = 0
const uid = (prefix: string) => `${prefix}_${++counter}_${randomBytes(4).toString('hex')}`

const addWorkshop = addWorkshopWithBoard

const row = (boardId: string, bytes: number, sha256 = uid('sha')): BoardAssetRow => ({
  id: `img${randomBytes(16).toString('base64url')}`,
  boardId,
  mimeType: 'image/png',
  bytes,
  width: 4,
  height: 3,
  sha256,
  createdAt: 1_700_000_000_000 + ++counter,
  createdBy: 'p_1',
})

/** The uploaded-images store behaves the same on both databases. */
function runAssetStoreContract(name: string, open: OpenFeatureStore) {
  describe(`asset store: ${name}`, () => {
    let store: Store
    let cleanup: () => Promise<void>
    beforeAll(async () => {
      ;({ store, cleanup } = await open())
    })
    afterAll(async () => {
      await store?.close()
      await cleanup?.()
    })

    it('keeps the bytes exactly, finds them only under their own board, and stores one picture once', async () => {
      const assets = assetStoreOf(store)
      const { boardId } = await addWorkshop(store)
      const other = await addWorkshop(store)
      const data = new Uint8Array(randomBytes(3000))
      const first = row(boardId, data.length, 'same')
      expect(await assets.addAsset(first, data, 1_000_000)).toEqual({ asset: first, created: true })
      const again = await assets.addAsset(row(boardId, data.length, 'same'), data, 1_000_000)
      expect(again).toEqual({ asset: first, created: false })
      const got = await assets.getAssetData(boardId, first.id)
      expect(got?.asset).toEqual(first)
      expect(Buffer.from(got!.data).equals(Buffer.from(data))).toBe(true)
      expect(await assets.getAsset(other.boardId, first.id)).toBeNull()
      expect(await assets.getAssetData(other.boardId, first.id)).toBeNull()
      // The same picture on another board is that board's own copy.
      expect(await assets.addAsset(row(other.boardId, data.length, 'same'), data, 1_000_000)).toMatchObject({
        created: true,
      })
      expect((await assets.listAssets(boardId)).map((a) => a.id)).toEqual([first.id])
    })

    it('refuses an image that would take the board beyond its quota', async () => {
      const assets = assetStoreOf(store)
      const { boardId } = await addWorkshop(store)
      expect(await assets.addAsset(row(boardId, 600), new Uint8Array(600), 1000)).toMatchObject({ created: true })
      expect(await assets.addAsset(row(boardId, 500), new Uint8Array(500), 1000)).toEqual({
        full: true,
        usedBytes: 600,
      })
      expect(await assets.addAsset(row(boardId, 400), new Uint8Array(400), 1000)).toMatchObject({ created: true })
      expect(await assets.listAssets(boardId)).toHaveLength(2)
    })

    it('deletes the images with their workshop', async () => {
      const assets = assetStoreOf(store)
      const { workshopId, boardId } = await addWorkshop(store)
      await assets.addAsset(row(boardId, 10), new Uint8Array(10), 1000)
      expect(await store.deleteWorkshop(workshopId, Date.now())).toBe(true)
      expect(await assets.listAssets(boardId)).toEqual([])
    })
  })
}

onBothDatabases('assets', runAssetStoreContract)
