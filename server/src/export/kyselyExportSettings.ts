import type { Kysely } from 'kysely'
import type { Database } from '../store/schema.ts'
import type { ExportSettingsStore, StoredExportSettings } from './ExportSettingsStore.ts'

/** The table of migration 0013, kept here so the export settings stay in their own files. */
type ExportSettingsTables = {
  workshop_export_settings: {
    workshop_id: string
    settings: string
    logo_png: Uint8Array | null
    updated_at: number
  }
}

/**
 * Export settings in `workshop_export_settings` (SQLite and PostgreSQL). The core store's
 * workshop deletion removes the rows with their workshop (every table with a `workshop_id`).
 */
export class KyselyExportSettingsStore implements ExportSettingsStore {
  private readonly db: Kysely<ExportSettingsTables>

  constructor(db: Kysely<Database>) {
    this.db = db as unknown as Kysely<ExportSettingsTables>
  }

  async get(workshopId: string): Promise<StoredExportSettings | null> {
    const row = await this.db
      .selectFrom('workshop_export_settings')
      .select(['settings', 'logo_png'])
      .where('workshop_id', '=', workshopId)
      .executeTakeFirst()
    if (!row) return null
    let settings: unknown = null
    try {
      settings = JSON.parse(row.settings)
    } catch {
      // A damaged row reads as no settings: the defaults apply and the next save repairs it.
    }
    return { settings, logoPng: row.logo_png ? new Uint8Array(row.logo_png) : null }
  }

  async set(workshopId: string, value: StoredExportSettings, now = Date.now()): Promise<void> {
    const settings = JSON.stringify(value.settings)
    const logo = value.logoPng ? Buffer.from(value.logoPng) : null
    await this.db
      .insertInto('workshop_export_settings')
      .values({ workshop_id: workshopId, settings, logo_png: logo, updated_at: now })
      .onConflict((oc) => oc.column('workshop_id').doUpdateSet({ settings, logo_png: logo, updated_at: now }))
      .execute()
  }
}
