import { realpathSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { licenseReport, packageDirOf, packagesOf } from './thirdPartyLicenses.mjs'

const clientRequire = createRequire(path.resolve(import.meta.dirname, '../client/package.json'))
/** A module file of a client dependency, by its real (pnpm store) path, as the bundler sees it. */
const moduleOf = (name) => realpathSync(clientRequire.resolve(name))

describe('third-party licence list of the web app', () => {
  it('finds the package of a module, scoped or not, in pnpm layout, with queries', () => {
    expect(packageDirOf('/r/node_modules/.pnpm/react@19/node_modules/react/index.js')).toBe(
      '/r/node_modules/.pnpm/react@19/node_modules/react',
    )
    expect(packageDirOf('/r/node_modules/@tldraw/assets/fonts/a.woff2?url')).toBe('/r/node_modules/@tldraw/assets')
    expect(packageDirOf('/r/client/src/main.tsx')).toBeNull()
    expect(packageDirOf('\0vite/preload-helper.js')).toBeNull()
  })

  it('lists each bundled package once with its licence text, and tldraw with its terms', () => {
    const packages = packagesOf([moduleOf('react'), moduleOf('react'), moduleOf('tldraw'), moduleOf('yjs')])
    expect(packages.map((p) => p.name)).toEqual(['react', 'tldraw', 'yjs'])
    const react = packages.find((p) => p.name === 'react')
    expect(react.license).toBe('MIT')
    expect(react.text).toContain('Permission is hereby granted')
    const tldraw = packages.find((p) => p.name === 'tldraw')
    expect(tldraw.license).toContain('LICENSE')
    expect(tldraw.note).toContain('licence key')

    const report = licenseReport(packages)
    expect(report).toContain(`react ${react.version} — MIT`)
    expect(report).toContain('tldraw license')
    expect(report).toContain('TLDRAW_LICENSE_KEY')
    expect(report.indexOf('Permission is hereby granted')).toBeGreaterThan(report.indexOf(`yjs`))
  })

  it('leaves out our own workspace packages and files outside node_modules', () => {
    const shared = realpathSync(path.resolve(import.meta.dirname, '../shared/src/index.ts'))
    expect(packagesOf([shared, path.resolve(import.meta.dirname, '../client/src/main.tsx')])).toEqual([])
  })
})
