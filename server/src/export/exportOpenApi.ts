import { UpdateExportSettingsBody } from '@pinnwand/shared/exportSettings'
import { errors, type OpenApiPaths } from '../http/openapiTypes.ts'

/** The export feature's part of the API description (/api/openapi.json). */
export const exportOpenApi: OpenApiPaths = {
  '/api/boards/{boardId}/export': {
    get: {
      summary: 'Export a board',
      auth: 'facilitator',
      query: { format: 'pdf|pdfa|docx|md|csv|xlsx|json|svg|png (pdfa: the report as PDF/A-2b for the archive)' },
      responses: { '200': 'the file (attachment)', ...errors },
    },
  },
  '/api/workshops/{workshopId}/export-settings': {
    get: {
      summary:
        "The result report's settings: names shown, board picture, Ort, Datum, Protokollführung, time zone, logo",
      auth: 'facilitator',
      responses: {
        '200': 'showAuthors, picture, place, date, recorder, timeZone, logo (PNG data URL or null)',
        ...errors,
      },
    },
    put: {
      summary: 'Change any of them (logo: a PNG or SVG data URL, SVG rasterised; null removes it)',
      auth: 'facilitator',
      body: UpdateExportSettingsBody,
      responses: { '200': 'the settings in force', ...errors, '400': 'validation_failed | invalid_logo' },
    },
  },
  '/api/workshops/{workshopId}/export': {
    get: {
      summary: 'Export a workshop',
      auth: 'facilitator',
      query: { format: 'zip' },
      responses: { '200': 'ZIP (attachment)', ...errors },
    },
  },
}
