import { reportBoardName } from '../plenaryReport.ts'
import type PDFDocument from 'pdfkit'
import type { BoardReport } from '../BoardReport.ts'
import type { BoardDrawing } from '../drawing.ts'
import type { Labels } from '../labels.ts'
import { buildPng } from '../png.ts'
import { detailsOf } from '../reportDetails.ts'
import { CARD_TEXT_SIZE } from '../svg.ts'
import {
  artifact,
  block,
  contentWidth,
  heading,
  headingHeight,
  Ink,
  Page,
  rich,
  type Struct,
  Weight,
} from './pdfLayout.ts'

/** Card text in the PDF picture is never smaller than this (issue 19: legible, not grey). */
export const MIN_CARD_TEXT_PT = 7
/** No need to print cards bigger than this: about 12 pt text. */
const MAX_SCALE = 0.75
/** Raster pixels per point: about 216 dpi, sharp in print. */
const PX_PER_PT = 3

type Box = BoardDrawing['bounds']

export interface PicturePart {
  /** Title of the page (the board, or one Themengruppe). */
  title: string | null
  bounds: Box
  /** Points per board unit. */
  scale: number
}

/** Room for a picture on a page of its own, below its heading. */
const pageRoom = (doc: PDFDocument, title: string) => ({
  w: contentWidth(),
  h: Page.height - Page.top - Page.bottom - headingHeight(doc, title, 1) - 24,
})

const fitScale = (bounds: Box, room: { w: number; h: number }) =>
  Math.min(MAX_SCALE, room.w / bounds.w, room.h / bounds.h)

const legible = (scale: number) => CARD_TEXT_SIZE * scale >= MIN_CARD_TEXT_PT

/**
 * What the picture setting gives on this board: the whole board on one page when its card text
 * stays ≥ 7 pt there, else (or when asked) one page per Themengruppe that fits legibly; an empty
 * list when nothing can be shown legibly or the organiser left the picture out.
 */
export function planPicture(doc: PDFDocument, report: BoardReport, l: Labels): PicturePart[] {
  const mode = detailsOf(report).picture
  const { items, bounds } = report.drawing
  if (mode === 'none' || items.length === 0) return []
  if (mode === 'page') {
    const scale = fitScale(bounds, pageRoom(doc, l.boardPicture))
    if (legible(scale)) return [{ title: null, bounds, scale }]
  }
  const parts: PicturePart[] = []
  report.clusters.forEach((cluster, k) => {
    const item = items.find((i) => i.kind === 'cluster' && i.id === cluster.id)
    if (!item || item.kind !== 'cluster') return
    const title = cluster.title || `${l.cluster} ${k + 1}`
    const box = { x: item.x - 12, y: item.y - 12, w: item.w + 24, h: item.h + 24 }
    const scale = fitScale(box, pageRoom(doc, `${l.boardPicture}: ${title}`))
    if (legible(scale)) parts.push({ title, bounds: box, scale })
  })
  return parts
}

const overlaps = (a: Box, b: { x: number; y: number; w: number; h: number }) =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h

/** The report with its drawing cut to `bounds` (only what shows there is drawn). */
function cropped(report: BoardReport, bounds: Box): BoardReport {
  const items = report.drawing.items.filter((item) => !('w' in item) || overlaps(bounds, item as Box))
  return { ...report, drawing: { ...report.drawing, bounds, items } }
}

/**
 * The board picture pages: each part on a page of its own with a heading, tagged as a figure
 * with a text alternative. When nothing is legible, a sentence says why the picture is missing.
 */
export function picturePages(
  doc: PDFDocument,
  parent: Struct,
  report: BoardReport,
  l: Labels,
  onHeading: (title: string, destination: string, page: number, level: 1 | 2) => void,
): void {
  const mode = detailsOf(report).picture
  if (mode === 'none' || report.drawing.items.length === 0) return
  const parts = planPicture(doc, report, l)
  if (parts.length === 0) {
    const page = heading(doc, l.boardPicture, 1, { parent, destination: 'picture', outline: doc.outline, keepWith: 40 })
    onHeading(l.boardPicture, 'picture', page, 1)
    block(doc, parent, 'P', () => rich(doc, l.pictureIllegible, { size: 10, weight: Weight.italic }))
    return
  }
  parts.forEach((part, i) => {
    doc.addPage()
    const title = part.title ? `${l.boardPicture}: ${part.title}` : l.boardPicture
    const destination = i === 0 ? 'picture' : `picture-${i + 1}`
    const page = heading(doc, title, 1, { parent, destination, outline: doc.outline })
    onHeading(title, destination, page, 1)
    const w = part.bounds.w * part.scale
    const h = part.bounds.h * part.scale
    const x = Page.margin + (contentWidth() - w) / 2
    const y = doc.y
    const png = buildPng(cropped(report, part.bounds), Math.min(2400, Math.ceil(w * PX_PER_PT)))
    block(doc, parent, 'Figure', () => doc.image(png, x, y, { width: w, height: h }), {
      alt: l.pictureAlt(part.title ?? reportBoardName(report)),
      bbox: [x, y, x + w, y + h],
      placement: 'Block',
    })
    artifact(doc, () => doc.save().rect(x, y, w, h).lineWidth(0.5).stroke(Ink.rule).restore())
    doc.y = y + h + 8
  })
  doc.addPage()
}
