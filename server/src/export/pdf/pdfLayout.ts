// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- see fonts.ts
/// <reference path="../pdfkit.d.ts" />
import PDFDocument from 'pdfkit'
import { fontBuffers, FontScript, splitByScript } from '../fonts.ts'

/** A4 in points, with margins that leave room for the running header and footer. */
export const Page = { width: 595.28, height: 841.89, margin: 56, top: 72, bottom: 64 } as const

export const Ink = {
  text: '#1f2933',
  muted: '#5f6b76',
  accent: '#1d3557',
  rule: '#cfd6dd',
  shade: '#f1f4f7',
  highlight: '#fff6d6',
} as const

export const Weight = { regular: 'regular', bold: 'bold', italic: 'italic' } as const
export type Weight = (typeof Weight)[keyof typeof Weight]

export interface PdfMeta {
  title: string
  subject: string
  language: string
}

/** A buffered A4 document with the Noto fonts registered; header and footer come at the end. */
export function createPdf(meta: PdfMeta): PDFDocument {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: Page.top, bottom: Page.bottom, left: Page.margin, right: Page.margin },
    bufferPages: true,
    lang: meta.language,
    displayTitle: true,
    info: { Title: meta.title, Subject: meta.subject, Creator: 'Pinnwand', Producer: 'Pinnwand (pdfkit)' },
  })
  const fonts = fontBuffers()
  doc.registerFont('regular', fonts.regular)
  doc.registerFont('bold', fonts.bold)
  doc.registerFont('italic', fonts.italic)
  doc.registerFont('arabic', fonts.arabic)
  doc.registerFont('arabicBold', fonts.arabicBold)
  doc.registerFont('emoji', fonts.emoji)
  doc.font('regular')
  return doc
}

export const contentWidth = () => Page.width - 2 * Page.margin
const bottomLimit = () => Page.height - Page.bottom

function fontFor(script: FontScript, weight: Weight): string {
  if (script === FontScript.arabic) return weight === Weight.bold ? 'arabicBold' : 'arabic'
  if (script === FontScript.emoji) return 'emoji'
  return weight
}

export interface RichOptions {
  size: number
  weight?: Weight
  color?: string
  x?: number
  y?: number
  width?: number
  align?: 'left' | 'center' | 'right'
  lineGap?: number
  characterSpacing?: number
}

/**
 * Writes text in as many font runs as its scripts need (Latin, Arabic, emoji), so no
 * character falls back to an empty box. Leaves doc.y below the text.
 */
export function rich(doc: PDFDocument, text: string, options: RichOptions): void {
  const weight = options.weight ?? Weight.regular
  const x = options.x ?? Page.margin
  const width = options.width ?? contentWidth() - (x - Page.margin)
  const runs = splitByScript(text.replace(/\r\n?/g, '\n') || ' ')
  doc.fillColor(options.color ?? Ink.text)
  runs.forEach((run, i) => {
    doc.font(fontFor(run.script, weight)).fontSize(options.size)
    const opts = {
      width,
      continued: i < runs.length - 1,
      lineGap: options.lineGap ?? 1.5,
      align: options.align ?? 'left',
      characterSpacing: options.characterSpacing ?? 0,
    }
    if (i === 0) doc.text(run.text, x, options.y ?? doc.y, opts)
    else doc.text(run.text, opts)
  })
  doc.font('regular')
}

/** Height the text will take (measured with the Latin font; other scripts are close enough). */
export function richHeight(doc: PDFDocument, text: string, options: RichOptions): number {
  const weight = options.weight === Weight.bold ? 'bold' : options.weight === Weight.italic ? 'italic' : 'regular'
  doc.font(weight).fontSize(options.size)
  const width = options.width ?? contentWidth() - ((options.x ?? Page.margin) - Page.margin)
  return doc.heightOfString(text.replace(/\r\n?/g, '\n') || ' ', { width, lineGap: options.lineGap ?? 1.5 })
}

/** Starts a new page when less than `height` points are left on this one. */
export function ensureSpace(doc: PDFDocument, height: number): void {
  if (doc.y + height > bottomLimit()) doc.addPage()
}

export function rule(doc: PDFDocument, y = doc.y, color: string = Ink.rule): void {
  doc
    .save()
    .moveTo(Page.margin, y)
    .lineTo(Page.width - Page.margin, y)
    .lineWidth(0.6)
    .stroke(color)
    .restore()
}

/** A section heading with a PDF bookmark and a named destination for the table of contents. */
export function heading(
  doc: PDFDocument,
  text: string,
  level: 1 | 2,
  destination: string,
  outline: { addItem(title: string): unknown } | null,
  color: string = Ink.accent,
): number {
  const size = level === 1 ? 16 : 12.5
  ensureSpace(doc, size * 5)
  if (level === 1) doc.moveDown(0.6)
  else doc.moveDown(0.4)
  doc.addNamedDestination(destination, 'XYZ', null, doc.y - 6, null)
  outline?.addItem(text)
  const pageIndex = doc.bufferedPageRange().start + doc.bufferedPageRange().count - 1
  rich(doc, text, { size, weight: Weight.bold, color })
  if (level === 1) {
    rule(doc, doc.y + 2, Ink.accent)
    doc.y += 8
  } else doc.y += 3
  return pageIndex
}

export interface Column {
  title: string
  width: number
  align?: 'left' | 'right' | 'center'
}

/** A table that breaks across pages and repeats its header row on each new page. */
export function table(doc: PDFDocument, columns: readonly Column[], rows: readonly string[][], size = 9.5): void {
  const pad = 4
  const drawHeader = () => {
    const y = doc.y
    const h = size + 2 * pad + 4
    doc.save().rect(Page.margin, y, contentWidth(), h).fill(Ink.accent).restore()
    let x = Page.margin
    for (const column of columns) {
      rich(doc, column.title, {
        size: size - 0.5,
        weight: Weight.bold,
        color: '#ffffff',
        x: x + pad,
        y: y + pad + 1,
        width: column.width - 2 * pad,
        align: column.align ?? 'left',
      })
      x += column.width
    }
    doc.y = y + h
  }
  ensureSpace(doc, 3 * (size + 2 * pad + 4))
  drawHeader()
  rows.forEach((row, r) => {
    const heights = row.map((cell, c) => richHeight(doc, cell, { size, width: (columns[c]?.width ?? 50) - 2 * pad }))
    const h = Math.max(...heights, size) + 2 * pad
    if (doc.y + h > bottomLimit()) {
      doc.addPage()
      drawHeader()
    }
    const y = doc.y
    if (r % 2 === 1) doc.save().rect(Page.margin, y, contentWidth(), h).fill(Ink.shade).restore()
    let x = Page.margin
    row.forEach((cell, c) => {
      const column = columns[c]!
      rich(doc, cell, { size, x: x + pad, y: y + pad, width: column.width - 2 * pad, align: column.align ?? 'left' })
      x += column.width
    })
    doc.y = y + h
  })
  rule(doc, doc.y)
  doc.y += 8
}

/**
 * Running header (workshop, table, date) and footer (document name, page n of N) on every
 * page but the first. Bottom margin is lifted while drawing so pdfkit does not break pages.
 */
export function decoratePages(
  doc: PDFDocument,
  header: { left: string; right: string },
  footer: string,
  pageLabel: (n: number, total: number) => string,
): void {
  const range = doc.bufferedPageRange()
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i)
    const margins = doc.page.margins
    doc.page.margins = { ...margins, top: 0, bottom: 0 }
    if (i > range.start) {
      rich(doc, header.left, { size: 8, color: Ink.muted, x: Page.margin, y: 30, width: contentWidth() * 0.7 })
      rich(doc, header.right, {
        size: 8,
        color: Ink.muted,
        x: Page.margin,
        y: 30,
        width: contentWidth(),
        align: 'right',
      })
      rule(doc, 46)
    }
    rule(doc, Page.height - 44)
    rich(doc, footer, { size: 8, color: Ink.muted, x: Page.margin, y: Page.height - 38, width: contentWidth() * 0.7 })
    rich(doc, pageLabel(i - range.start + 1, range.count), {
      size: 8,
      color: Ink.muted,
      x: Page.margin,
      y: Page.height - 38,
      width: contentWidth(),
      align: 'right',
    })
    doc.page.margins = margins
  }
}

/** Collects the PDF's bytes (for tests and the ZIP); the route streams instead. */
export function pdfToBuffer(doc: PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    doc.on('data', (chunk) => chunks.push(chunk))
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
    doc.end()
  })
}

/** The small spaced capitals above a document's title ("ERGEBNISPROTOKOLL"). */
export function eyebrow(doc: PDFDocument, text: string): void {
  rich(doc, text.toUpperCase(), {
    size: 9,
    weight: Weight.bold,
    color: Ink.muted,
    y: Page.top - 8,
    characterSpacing: 1.5,
  })
  doc.y += 4
}
