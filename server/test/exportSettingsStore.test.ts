import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ExportSettingsStore } from '../src/export/ExportSettingsStore.ts'
import type { FeatureStores } from '../src/features/index.ts'
import type { Store } from '../src/store/Store.ts'
import { onBothDatabases, type OpenFeatureStore } from './helpers/bothDatabases.ts'
import { addWorkshopWithBoard } from './helpers/storeRows.ts'

type Opened = Store & FeatureStores

/** The export feature's settings store behaves the same on both databases. */
function runExportSettingsContract(name: string, open: OpenFeatureStore) {
  describe(`export settings store: ${name}`, () => {
    let store: Opened
    let settings: ExportSettingsStore
    let cleanup: () => Promise<void>
    beforeAll(async () => {
      ;({ store, cleanup } = await open())
      settings = store.exportSettings
    })
    afterAll(async () => {
      await store?.close()
      await cleanup?.()
    })

    it('keeps one row per workshop: the last save wins, logo bytes included', async () => {
      const { workshopId } = await addWorkshopWithBoard(store)
      const other = await addWorkshopWithBoard(store)
      expect(await settings.get(workshopId)).toBeNull()
      const logo = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 255])
      await settings.set(workshopId, { settings: { showAuthors: false, title: 'Ümläute' }, logoPng: logo })
      expect(await settings.get(workshopId)).toEqual({
        settings: { showAuthors: false, title: 'Ümläute' },
        logoPng: logo,
      })
      await settings.set(workshopId, { settings: { showAuthors: true }, logoPng: null })
      expect(await settings.get(workshopId)).toEqual({ settings: { showAuthors: true }, logoPng: null })
      expect(await settings.get(other.workshopId)).toBeNull()
    })

    it('goes with its workshop', async () => {
      const { workshopId } = await addWorkshopWithBoard(store)
      await settings.set(workshopId, { settings: {}, logoPng: new Uint8Array([1, 2, 3]) })
      expect(await store.deleteWorkshop(workshopId, Date.now())).toBe(true)
      expect(await settings.get(workshopId)).toBeNull()
    })
  })
}

onBothDatabases('exportsettings', runExportSettingsContract)
