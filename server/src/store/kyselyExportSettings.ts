import type { Kysely } from 'kysely'
import type { Database } from './schema.ts'
import type { StoredExportSettings } from './Store.ts'

/** The table of migration 0013, kept here so the export settings stay in their own files. */
type ExportSettingsTables = {
  workshop_export_settings: {
    workshop_id: string
    settings: string
    logo_png: Uint8Array | null
    updated_at: number
  }
}

const tables = (db: Kysely<Database>) => db as unknown as Kysely<ExportSettingsTables>

export async function getExportSettings(
  db: Kysely<Database>,
  workshopId: string,
): Promise<StoredExportSettings | null> {
  const row = await tables(db)
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

export async function setExportSettings(
  db: Kysely<Database>,
  workshopId: string,
  value: StoredExportSettings,
  now = Date.now(),
): Promise<void> {
  const settings = JSON.stringify(value.settings)
  const logo = value.logoPng ? Buffer.from(value.logoPng) : null
  await tables(db)
    .insertInto('workshop_export_settings')
    .values({ workshop_id: workshopId, settings, logo_png: logo, updated_at: now })
    .onConflict((oc) => oc.column('workshop_id').doUpdateSet({ settings, logo_png: logo, updated_at: now }))
    .execute()
}
