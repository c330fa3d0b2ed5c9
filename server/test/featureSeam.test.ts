import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { features } from '../src/features/index.ts'
import type { ServerFeature } from '../src/features/ServerFeature.ts'
import { buildOpenApiDocument } from '../src/http/openapi.ts'

const list = features as readonly ServerFeature<object, unknown>[]
const serverSrc = new URL('../src/', import.meta.url)

describe('the feature seam (features/index.ts)', () => {
  it('lists each feature once, by a unique name', () => {
    const names = list.map((feature) => feature.name)
    expect(new Set(names).size).toBe(names.length)
  })

  it('lists every feature folder the lint boundary knows, and each folder exports its feature', () => {
    // eslint.config.js's featureFolders is what the core may not import; each must plug in here.
    const config = readFileSync(new URL('../../eslint.config.js', import.meta.url), 'utf8')
    const block = /const featureFolders = \[([^\]]*)\]/.exec(config)![1]!
    const folders = [...block.matchAll(/'(\w+)'/g)].map((m) => m[1]!)
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
      for (const path of Object.keys(feature.openapi ?? {})) {
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
})
