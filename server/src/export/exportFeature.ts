import { defineFeature } from '../features/ServerFeature.ts'
import { exportRoutes } from '@pinnwand/shared/exportRoutes'
import { KyselyExportSettingsStore } from './kyselyExportSettings.ts'
import { exportSettings } from './migrations/0013_export_settings.ts'

/**
 * Exports (PDF, DOCX, XLSX, PNG, SVG, Markdown, CSV, JSON) and the workshop's report settings.
 * The renderers load with the routes, lazily: a server that never exports never loads them.
 * Other features add to the report through their `boardExtras` (features/boardExtras.ts).
 */
export const exportFeature = defineFeature({
  name: 'export',
  migrations: (dialect) => ({ '0013_export_settings': exportSettings(dialect) }),
  openapi: exportRoutes,
  stores: (db) => ({ exportSettings: new KyselyExportSettingsStore(db) }),
  async routes(app, ctx) {
    ;(await import('./exportRoutes.ts')).registerExportRoutes(app, ctx)
  },
})
