import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { features } from '../src/features/index.ts'
import type { ServerFeature } from '../src/features/ServerFeature.ts'
import { buildOpenApiDocument, describedPaths } from '../src/http/openapi.ts'

const list = features as readonly ServerFeature<object, unknown>[]
const serverSrc = new URL('../src/', import.meta.url)

describe('the feature seam (features/index.ts)', () => {
  it('lists each feature once, by a unique name', () => {
    const names = list.map((feature) => feature.name)
    expect(new Set(names).size).toBe(names.length)
  })

  it('lists every feature folder the lint boundary knows, and each folder exports its feature', () => {
    // What eslint.config.js guards as features (folders with a <name>Feature.ts); each must plug in here.
    const folders = featureFolderNames()
    const listSource = readFileSync(new URL('features/index.ts', serverSrc), 'utf8')
    for (const folder of folders) {
      const files = readdirSync(new URL(`${folder}/`, serverSrc))
      expect(
        files.some((file) => file.endsWith('Feature.ts')),
        `${folder}/ has a *Feature.ts`,
      ).toBe(true)
      expect(listSource, `features/index.ts imports ${folder}/`).toContain(`'../${folder}/`)
    }
  })

  it('gives every API path one owner: no feature describes a path of the core or of another feature', () => {
    const core = Object.keys(buildOpenApiDocument('test').paths)
    const owners = new Map<string, string>(core.map((path) => [path, 'core']))
    for (const feature of list) {
      for (const path of feature.openapi ? describedPaths(feature.openapi) : []) {
        expect(owners.get(path), `${path} of ${feature.name}`).toBeUndefined()
        owners.set(path, feature.name)
      }
    }
    expect(owners.size).toBeGreaterThan(60)
  })

  it('keeps the core store free of feature tables: export settings live with the export feature', () => {
    // The core store's port and adapter; a feature's tables belong to its own store (`stores`).
    for (const file of ['store/Store.ts', 'store/kyselyStore.ts']) {
      const source = readFileSync(new URL(file, serverSrc), 'utf8')
      expect(source, file).not.toMatch(/export_?settings/i)
    }
    expect(readdirSync(new URL('store/', serverSrc))).not.toContain('kyselyExportSettings.ts')
    const exportFeature = list.find((feature) => feature.name === 'export')!
    expect(Object.keys(exportFeature.stores!(null as never, 'sqlite'))).toEqual(['exportSettings'])
  })

  it('keeps feature tables out of the core store and out of privacy: each feature rewrites its own names', () => {
    // The core's tables; every other table of store/schema.ts (and the export settings' own) is a feature's.
    const core = new Set([
      'workshops',
      'boards',
      'table_seats',
      'participant_done',
      'deleted_workshops',
      'deleted_workshop_tokens',
      'participants',
      'access_tokens',
      'board_updates',
      'board_client_ids',
      'board_snapshots',
    ])
    const schema = readFileSync(new URL('store/schema.ts', serverSrc), 'utf8')
    const tables = [...schema.matchAll(/^ {2}(\w+): \{/gm)].map((m) => m[1]!)
    const featureTables = [...tables.filter((table) => !core.has(table)), 'workshop_export_settings']
    expect(featureTables).toEqual(expect.arrayContaining(['voting_ballots', 'private_cards', 'held_cards']))
    const files = [
      ...readdirSync(new URL('store/', serverSrc)).map((file) => `store/${file}`),
      // A feature's migrations are in its folder (`migrations` of its feature object).
      ...readdirSync(new URL('store/migrations/', serverSrc)).map((file) => `store/migrations/${file}`),
      ...readdirSync(new URL('privacy/', serverSrc)).map((file) => `privacy/${file}`),
    ].filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && file !== 'store/schema.ts')
    for (const file of files) {
      const source = readFileSync(new URL(file, serverSrc), 'utf8')
      for (const table of featureTables) expect(source, `${file} names ${table}`).not.toContain(`'${table}'`)
    }
  })

  it("builds an export's feature data from the list: the export folder names no other feature", () => {
    // Each part is declared on its feature; the export merges what the hooks hold.
    const withPart = (part: 'boardExtras' | 'boardDocument') =>
      list.filter((feature) => feature[part]).map((feature) => feature.name)
    expect(withPart('boardExtras')).toEqual(expect.arrayContaining(['voting', 'moderation', 'history', 'assets']))
    expect(withPart('boardDocument')).toEqual(['comments'])
    const others = featureFolderNames().filter((folder) => folder !== 'export')
    expect(others).toEqual(expect.arrayContaining(['voting', 'comments', 'assets', 'history', 'moderation']))
    const files = readdirSync(new URL('export/', serverSrc), { recursive: true, encoding: 'utf8' }).filter(
      (file) => file.endsWith('.ts') && !file.endsWith('.test.ts'),
    )
    expect(files).toEqual(expect.arrayContaining(['exportRoutes.ts', 'boardExtras.ts', 'renderExport.ts']))
    for (const file of files) {
      const source = readFileSync(new URL(`export/${file}`, serverSrc), 'utf8')
      for (const folder of others) {
        expect(source, `export/${file} imports ${folder}/`).not.toMatch(new RegExp(`from '(\\.\\./)+${folder}/`))
      }
    }
  })
})

describe('the sync core stays split', () => {
  it('keeps admission out of BoardRoom.ts, store resyncs out of RoomManager.ts, and no sync file past 750 lines', () => {
    const room = readFileSync(new URL('sync/BoardRoom.ts', serverSrc), 'utf8')
    expect(room).toContain("from './ConnectionAdmission.ts'")
    expect(room).not.toMatch(/catchUp!?\(\)|CATCH_UP_CODES/)
    const manager = readFileSync(new URL('sync/RoomManager.ts', serverSrc), 'utf8')
    expect(manager).toContain("from './RoomResync.ts'")
    expect(manager).not.toMatch(/CATCH_UP_PAUSE_MS|Y\.mergeUpdates/)
    for (const file of readdirSync(new URL('sync/', serverSrc)).filter((f) => f.endsWith('.ts'))) {
      const lines = readFileSync(new URL(`sync/${file}`, serverSrc), 'utf8').split('\n').length
      expect(lines, `sync/${file}`).toBeLessThan(750)
    }
  })
})

/** The folders eslint.config.js guards as features: those of server/src with a `<name>Feature.ts`. */
function featureFolderNames(): string[] {
  return readdirSync(serverSrc, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .filter((folder) =>
      readdirSync(new URL(`${folder}/`, serverSrc)).some((file) => /^[a-z]\w*Feature\.ts$/.test(file)),
    )
}
