import { callApi } from '@pinnwand/shared/contract/callApi'
import { getExportSettings, updateExportSettings } from '@pinnwand/shared/exportRoutes'
import type { ExportSettingsDto, UpdateExportSettingsBody } from '@pinnwand/shared/exportSettings'

/** The workshop's export settings (facilitator), with the stored logo as a PNG data URL. */
export function fetchExportSettings(workshopId: string, token: string): Promise<ExportSettingsDto> {
  return callApi(getExportSettings, { params: { workshopId }, token })
}

export function saveExportSettings(
  workshopId: string,
  update: UpdateExportSettingsBody,
  token: string,
): Promise<ExportSettingsDto> {
  return callApi(updateExportSettings, { params: { workshopId }, body: update, token })
}

/** The organiser's own time zone: the default for a workshop that has none stored yet. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'Europe/Berlin'
}

/** Reads a chosen file as a data URL (the API takes logos that way). */
export function readAsDataUrl(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(String(reader.result))
    reader.onerror = () => reject(reader.error ?? new Error('read failed'))
    reader.readAsDataURL(file)
  })
}
