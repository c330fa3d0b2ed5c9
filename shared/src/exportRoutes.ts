import { z } from 'zod'
import { defineRoute } from './contract/route.ts'
import { ErrorCode } from './errorCodes.ts'
import { ExportSettingsDto, ExportSettingsErrorCode, UpdateExportSettingsBody } from './exportSettings.ts'

/** Exports and the report's settings, declared once (server: server/src/export/exportRoutes.ts). */

/** What `GET /api/boards/:boardId/export?format=` makes (pdfa: the report as PDF/A-2b for the archive). */
export const BoardExportFormats = ['pdf', 'pdfa', 'docx', 'md', 'csv', 'xlsx', 'json', 'svg', 'png'] as const

/** The files an export may answer with, by content type. */
const exportFiles = [
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'text/markdown',
  'text/csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/json',
  'image/svg+xml',
  'image/png',
] as const

// The format is checked by the handler, so an unknown one keeps its own error code.
const formatQuery = (formats: readonly string[], fallback: string) =>
  z.object({
    format: z
      .string()
      .max(20)
      .optional()
      .describe(`${formats.join(' | ')}; default ${fallback}`),
  })

export const exportBoard = defineRoute({
  operationId: 'exportBoard',
  method: 'GET',
  path: '/api/boards/:boardId/export',
  summary: 'Export a board as a file (attachment): the result report, the list, the picture or the JSON backup',
  auth: 'facilitator',
  query: formatQuery(BoardExportFormats, 'pdf'),
  status: 200,
  response: z.unknown(),
  produces: exportFiles,
  errors: { 400: ['unsupported_format'], 404: [ErrorCode.boardNotFound] },
})

export const exportWorkshop = defineRoute({
  operationId: 'exportWorkshop',
  method: 'GET',
  path: '/api/workshops/:workshopId/export',
  summary: 'Export a whole workshop as one ZIP (attachment): every table in every format, and a summary',
  auth: 'facilitator',
  query: formatQuery(['zip'], 'zip'),
  status: 200,
  response: z.unknown(),
  produces: ['application/zip'],
  errors: { 400: ['unsupported_format'], 404: [ErrorCode.workshopNotFound] },
})

export const getExportSettings = defineRoute({
  operationId: 'getExportSettings',
  method: 'GET',
  path: '/api/workshops/:workshopId/export-settings',
  summary:
    "The result report's settings: names shown, board picture, Ort, Datum, Protokollführung, time zone, logo (PNG data URL or null)",
  auth: 'facilitator',
  status: 200,
  response: ExportSettingsDto,
  errors: { 404: [ErrorCode.workshopNotFound] },
})

export const updateExportSettings = defineRoute({
  operationId: 'updateExportSettings',
  method: 'PUT',
  path: '/api/workshops/:workshopId/export-settings',
  summary: 'Change any of the report settings (logo: a PNG or SVG data URL, SVG rasterised; null removes it)',
  auth: 'facilitator',
  body: UpdateExportSettingsBody,
  status: 200,
  response: ExportSettingsDto,
  errors: { 400: [ExportSettingsErrorCode.invalidLogo], 404: [ErrorCode.workshopNotFound] },
})

/** Every declared export route, for the server and the API description. */
export const exportRoutes = [exportBoard, exportWorkshop, getExportSettings, updateExportSettings] as const
