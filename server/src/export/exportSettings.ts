import {
  DefaultExportSettings,
  type ExportSettings,
  ExportSettingsSchema,
  type UpdateExportSettingsBody,
} from '@pinnwand/shared/exportSettings'
import type { StoredExportSettings } from './ExportSettingsStore.ts'

/**
 * The settings in force: each stored field that is still valid, the default for the rest (a
 * setting added later, or a row from an older version, never fails an export).
 */
export function readExportSettings(stored: StoredExportSettings | null): ExportSettings {
  const raw = stored?.settings
  const result: Record<string, unknown> = { ...DefaultExportSettings }
  if (typeof raw === 'object' && raw !== null) {
    for (const [key, schema] of Object.entries(ExportSettingsSchema.shape)) {
      const parsed = schema.safeParse((raw as Record<string, unknown>)[key])
      if (parsed.success) result[key] = parsed.data
    }
  }
  return result as ExportSettings
}

/** Applies a checked update; `logo` is handled by the caller (it needs rasterising). */
export function mergeExportSettings(current: ExportSettings, update: UpdateExportSettingsBody): ExportSettings {
  const { logo: _logo, ...fields } = update
  const defined = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined))
  return { ...current, ...defined }
}
