import type { Plugin } from 'vite'
import { licenseReport, packagesOf } from '../scripts/thirdPartyLicenses.mjs'

/**
 * Writes `third-party-licenses.txt` into the build from the modules that are in the bundle
 * (every chunk's rendered modules), so the list matches what browsers receive.
 */
export function thirdPartyLicenses(): Plugin {
  return {
    name: 'pinnwand-third-party-licenses',
    apply: 'build',
    generateBundle(_options, bundle) {
      const moduleIds = new Set<string>()
      for (const output of Object.values(bundle)) {
        if (output.type === 'chunk') for (const id of Object.keys(output.modules)) moduleIds.add(id)
        else for (const id of output.originalFileNames ?? []) moduleIds.add(id)
      }
      // Assets (fonts, icons, translations) imported by URL are modules of the graph too.
      for (const id of this.getModuleIds()) if (/\.(woff2?|svg|json|css)(\?|$)/.test(id)) moduleIds.add(id)
      this.emitFile({
        type: 'asset',
        fileName: 'third-party-licenses.txt',
        source: licenseReport(packagesOf([...moduleIds])),
      })
    },
  }
}
