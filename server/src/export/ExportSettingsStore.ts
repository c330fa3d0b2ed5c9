/** A workshop's export settings as saved: JSON as sent (export/exportSettings.ts checks it), the logo as a PNG. */
export interface StoredExportSettings {
  settings: unknown
  logoPng: Uint8Array | null
}

/** Where the export feature keeps each workshop's report settings (`export/kyselyExportSettings.ts`). */
export interface ExportSettingsStore {
  /** The settings as saved, or null when the workshop never saved any. */
  get(workshopId: string): Promise<StoredExportSettings | null>
  set(workshopId: string, value: StoredExportSettings): Promise<void>
}

/** What the export feature adds to the store (`store.exportSettings`). */
export interface ExportStores {
  readonly exportSettings: ExportSettingsStore
}
