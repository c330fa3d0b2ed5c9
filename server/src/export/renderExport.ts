import { BoardExportFormats } from '@pinnwand/shared/exportRoutes'
import { type Zippable, zipSync } from 'fflate'
import type { BoardReport } from './BoardReport.ts'
import { buildCsv } from './csv.ts'
import { buildDocx } from './docx.ts'
import { safeFileName } from './filename.ts'
import type { BackupImage } from '../features/boardExtras.ts'
import { buildBoardJson } from './json.ts'
import { labelsFor } from './labels.ts'
import { buildMarkdown, buildWorkshopSummaryMarkdown } from './markdown.ts'
import { pdfToBuffer } from './pdf/pdfLayout.ts'
import { buildPdf } from './pdf/pdfReport.ts'
import { buildWorkshopSummaryPdf } from './pdf/pdfSummary.ts'
import { buildPng } from './png.ts'
import { buildSvg } from './svg.ts'
import { buildWorkshopXlsx, buildXlsx } from './xlsx.ts'

/** The formats one board exports to, as the route declares them (shared/src/exportRoutes.ts). */
export type BoardExportFormat = (typeof BoardExportFormats)[number]

export const ContentType: Record<BoardExportFormat | 'zip', string> = {
  pdf: 'application/pdf',
  pdfa: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  md: 'text/markdown; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json; charset=utf-8',
  svg: 'image/svg+xml; charset=utf-8',
  png: 'image/png',
  zip: 'application/zip',
}

/** Formats whose building takes long on big boards; they run in the export worker. */
export const HEAVY_FORMATS: ReadonlySet<string> = new Set(['pdf', 'pdfa', 'docx', 'xlsx', 'png', 'zip'])

export function isBoardExportFormat(value: unknown): value is BoardExportFormat {
  return (BoardExportFormats as readonly unknown[]).includes(value)
}

/** Everything needed to export one board; plain data, so it can cross to a worker thread. */
export interface BoardExportJob {
  report: BoardReport
  records: unknown[]
  /** The document's comments (on cards among `records`), for the JSON backup. */
  comments?: unknown[]
  schema: unknown
  appVersion: string
  documentMeta?: Record<string, unknown>
  /** Uploaded pictures with their bytes, for the JSON backup (a feature's `boardExtras`). */
  images?: readonly BackupImage[]
}

/**
 * Builds one format and hands the bytes to `write` (PDF in chunks as pdfkit produces them,
 * the rest in one piece).
 */
export async function renderBoardExport(
  format: BoardExportFormat,
  job: BoardExportJob,
  write: (chunk: Uint8Array) => void,
): Promise<void> {
  const text = (value: string) => write(Buffer.from(value, 'utf8'))
  switch (format) {
    case 'pdf':
    case 'pdfa': {
      const doc = buildPdf(job.report, { archive: format === 'pdfa' })
      await new Promise<void>((resolve, reject) => {
        doc.on('data', (chunk) => write(chunk))
        doc.on('end', resolve)
        doc.on('error', reject)
        doc.end()
      })
      return
    }
    case 'docx':
      return write(await buildDocx(job.report))
    case 'md':
      return text(buildMarkdown(job.report))
    case 'csv':
      return text(buildCsv(job.report))
    case 'xlsx':
      return write(await buildXlsx(job.report))
    case 'json':
      return text(buildBoardJson(job))
    case 'svg':
      return text(buildSvg(job.report))
    case 'png':
      return write(buildPng(job.report))
  }
}

export async function renderBoardExportToBuffer(format: BoardExportFormat, job: BoardExportJob): Promise<Buffer> {
  const chunks: Uint8Array[] = []
  await renderBoardExport(format, job, (chunk) => chunks.push(chunk))
  return Buffer.concat(chunks)
}

/** File name extension of a format: the archive PDF is a PDF ("Tisch-1.archiv.pdf"). */
export const fileExtension = (format: BoardExportFormat): string => (format === 'pdfa' ? 'archiv.pdf' : format)

/** Already-compressed formats are stored, the rest deflated. */
const STORED = new Set(['pdf', 'pdfa', 'docx', 'xlsx', 'png'])

/**
 * The workshop ZIP: the summary (all shortlists first) at the top, then one folder per table
 * with every format. Folder names are numbered so they sort in table order.
 */
export async function buildWorkshopZip(jobs: readonly BoardExportJob[], now = Date.now()): Promise<Uint8Array> {
  const l = labelsFor(jobs[0]?.report.workshop.language)
  const files: Zippable = {}
  const summaryName = safeFileName(`00-${l.workshopSummaryTitle}`)
  const reports = jobs.map((j) => j.report)
  files[`${summaryName}.pdf`] = [await pdfToBuffer(buildWorkshopSummaryPdf(reports, now)), { level: 0 }]
  files[`${summaryName}.md`] = Buffer.from(buildWorkshopSummaryMarkdown(reports), 'utf8')
  files[`${summaryName}.xlsx`] = [await buildWorkshopXlsx(reports), { level: 0 }]
  const used = new Set<string>()
  for (const [i, job] of jobs.entries()) {
    let folder = `${String(i + 1).padStart(2, '0')}-${safeFileName(job.report.board.title)}`
    while (used.has(folder)) folder += '-x'
    used.add(folder)
    const base = safeFileName(job.report.board.title)
    for (const format of BoardExportFormats) {
      const bytes = await renderBoardExportToBuffer(format, job)
      files[`${folder}/${base}.${fileExtension(format)}`] = [bytes, { level: STORED.has(format) ? 0 : 6 }]
    }
  }
  return zipSync(files, { mtime: new Date(now) })
}
