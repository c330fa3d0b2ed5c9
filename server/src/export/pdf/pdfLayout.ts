// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- see fonts.ts
/// <reference path="../pdfkit.d.ts" />
import PDFDocument, { type PDFStructureElement } from 'pdfkit'
import { hasRightToLeft } from '../bidiRuns.ts'
import { fontBuffers, FontScript, splitByScript } from '../fonts.ts'
import { bidiTextHeight, drawBidiText, type BidiTextOptions } from './pdfBidiText.ts'

export type Struct = PDFStructureElement

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
  /** PDF/A-2b for the archive (also tagged); otherwise PDF/UA-1. */
  archive?: boolean
}

/** PDF/UA identification, added to the archive variant's XMP beside pdfkit's PDF/A entry. */
const PDFUA_XMP = `
        <rdf:Description xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/" rdf:about="">
            <pdfuaid:part>1</pdfuaid:part>
        </rdf:Description>
        `

/**
 * A buffered A4 document with the Noto fonts registered; header and footer come at the end.
 * Every report is a tagged PDF (structure tree, document language, title shown): readable with a
 * screen reader as BITV 2.0 asks. `archive` makes it PDF/A-2b as well; the plain one says PDF/UA-1.
 * Returns the document and the root of its structure tree (call `finishPdf` before `end()`).
 */
export function createPdf(meta: PdfMeta): PDFDocument & { root: Struct } {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: Page.top, bottom: Page.bottom, left: Page.margin, right: Page.margin },
    bufferPages: true,
    pdfVersion: '1.7',
    tagged: true,
    subset: meta.archive ? 'PDF/A-2b' : 'PDF/UA',
    lang: meta.language,
    displayTitle: true,
    info: { Title: meta.title, Subject: meta.subject, Creator: 'Pinnwand', Producer: 'Pinnwand (pdfkit)' },
  }) as PDFDocument & { root: Struct }
  if (meta.archive) doc.appendXML(PDFUA_XMP)
  doc.root = doc.struct('Document')
  doc.addStructure(doc.root)
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

/** Closes the structure tree; call once everything is drawn, before `end()`. */
export function finishPdf(doc: PDFDocument & { root: Struct }): void {
  doc.root.end()
}

/**
 * A tagged block: a structure element of `type` under `parent` whose content is what `draw`
 * writes. Only text and images may be drawn inside; decoration goes through `artifact`.
 */
export function block(
  doc: PDFDocument,
  parent: Struct,
  type: string,
  draw: () => void,
  options: PDFStructureOptions = {},
): Struct {
  const element = doc.struct(type, options)
  parent.add(element)
  element.add(draw)
  element.end()
  return element
}

/** A structure element that groups others (Sect, L, LI, Table, TR); end it when filled. */
export function group(doc: PDFDocument, parent: Struct, type: string, options: PDFStructureOptions = {}): Struct {
  const element = doc.struct(type, options)
  parent.add(element)
  return element
}

/** Lines, fills and running headers: marked as artifacts, so screen readers skip them. */
export function artifact(doc: PDFDocument, draw: () => void, type = 'Layout'): void {
  doc.markContent('Artifact', { type })
  draw()
  doc.endMarkedContent()
}

type PDFStructureOptions = Parameters<PDFDocument['struct']>[1] & object

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
  doc.fillColor(options.color ?? Ink.text)
  if (hasRightToLeft(text)) {
    drawBidiText(doc, text.replace(/\r\n?/g, '\n'), bidiOptions(doc, options))
    doc.font('regular')
    return
  }
  const runs = splitByScript(text.replace(/\r\n?/g, '\n') || ' ')
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

function bidiOptions(doc: PDFDocument, options: RichOptions): BidiTextOptions {
  const weight = options.weight ?? Weight.regular
  const x = options.x ?? Page.margin
  return {
    size: options.size,
    fontFor: (script) => fontFor(script, weight),
    latinFont: weight,
    x,
    y: options.y ?? doc.y,
    width: options.width ?? contentWidth() - (x - Page.margin),
    align: options.align ?? 'left',
    lineGap: options.lineGap ?? 1.5,
    characterSpacing: options.characterSpacing ?? 0,
  }
}

/** Height the text will take (measured with the Latin font; other scripts are close enough). */
export function richHeight(doc: PDFDocument, text: string, options: RichOptions): number {
  if (hasRightToLeft(text)) return bidiTextHeight(doc, text.replace(/\r\n?/g, '\n'), bidiOptions(doc, options))
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
  artifact(doc, () =>
    doc
      .save()
      .moveTo(Page.margin, y)
      .lineTo(Page.width - Page.margin, y)
      .lineWidth(0.6)
      .stroke(color)
      .restore(),
  )
}

export const HeadingSize = { 1: 16, 2: 12.5 } as const

/** Height a heading takes with the space before and after it. */
export function headingHeight(doc: PDFDocument, text: string, level: 1 | 2): number {
  const size = HeadingSize[level]
  return richHeight(doc, text, { size, weight: Weight.bold }) + (level === 1 ? size * 0.6 + 10 : size * 0.4 + 3) + 4
}

export interface HeadingOptions {
  parent: Struct
  destination: string
  outline?: { addItem(title: string): unknown } | null
  color?: string
  /**
   * Height of what must stay on the heading's page (the first idea, the table header and a
   * row, the next heading …): a heading never stands alone at a page end.
   */
  keepWith?: number
}

/** A section heading (H1/H2) with a PDF bookmark and a named destination for the table of contents. */
export function heading(doc: PDFDocument, text: string, level: 1 | 2, options: HeadingOptions): number {
  const size = HeadingSize[level]
  ensureSpace(doc, headingHeight(doc, text, level) + Math.max(options.keepWith ?? 0, size * 2))
  if (level === 1) doc.moveDown(0.6)
  else doc.moveDown(0.4)
  doc.addNamedDestination(options.destination, 'XYZ', null, doc.y - 6, null)
  options.outline?.addItem(text)
  const pageIndex = doc.bufferedPageRange().start + doc.bufferedPageRange().count - 1
  block(doc, options.parent, level === 1 ? 'H1' : 'H2', () =>
    rich(doc, text, { size, weight: Weight.bold, color: options.color ?? Ink.accent }),
  )
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

const CELL_PAD = 4

/**
 * Column widths that never cut a header word ("Abstimmungsrunden" must not wrap inside the
 * word): a column narrower than its widest header word plus padding takes the difference from
 * the widest column. Returns new columns; the total width stays the same.
 */
export function fitColumns(doc: PDFDocument, columns: readonly Column[], size: number): Column[] {
  doc.font('bold').fontSize(size - 0.5)
  const need = columns.map(
    (c) => Math.max(...c.title.split(/\s+/).map((word) => doc.widthOfString(word)), 0) + 2 * CELL_PAD + 1,
  )
  const fitted = columns.map((c, i) => ({ ...c, width: Math.max(c.width, need[i]!) }))
  let excess = fitted.reduce((sum, c) => sum + c.width, 0) - columns.reduce((sum, c) => sum + c.width, 0)
  while (excess > 0.01) {
    const widest = fitted.reduce((best, c, i) => (c.width - need[i]! > fitted[best]!.width - need[best]! ? i : best), 0)
    const room = fitted[widest]!.width - need[widest]!
    if (room <= 0) break
    const take = Math.min(room, excess)
    fitted[widest] = { ...fitted[widest]!, width: fitted[widest]!.width - take }
    excess -= take
  }
  doc.font('regular')
  return fitted
}

/**
 * A tagged table (TH/TD) that breaks across pages and repeats its header row on each new page.
 * Header cells wrap between words and the header row grows to hold them.
 */
export function table(
  doc: PDFDocument,
  parent: Struct,
  wanted: readonly Column[],
  rows: readonly string[][],
  size = 9.5,
): void {
  const pad = CELL_PAD
  const columns = fitColumns(doc, wanted, size)
  const headerHeight =
    Math.max(
      ...columns.map((c) =>
        richHeight(doc, c.title, { size: size - 0.5, weight: Weight.bold, width: c.width - 2 * pad }),
      ),
    ) +
    2 * pad +
    2
  const tableElement = group(doc, parent, 'Table')
  const drawHeader = (tagged: boolean) => {
    const y = doc.y
    artifact(doc, () => doc.save().rect(Page.margin, y, contentWidth(), headerHeight).fill(Ink.accent).restore())
    const row = tagged ? group(doc, tableElement, 'TR') : null
    let x = Page.margin
    for (const column of columns) {
      const draw = () =>
        rich(doc, column.title, {
          size: size - 0.5,
          weight: Weight.bold,
          color: '#ffffff',
          x: x + pad,
          y: y + pad + 1,
          width: column.width - 2 * pad,
          align: column.align ?? 'left',
        })
      // The repeated header on later pages is decoration; the tagged one comes first.
      if (row) block(doc, row, 'TH', draw, { scope: 'Column' })
      else artifact(doc, draw, 'Pagination')
      x += column.width
    }
    row?.end()
    doc.y = y + headerHeight
  }
  const rowHeight = (row: readonly string[]) =>
    Math.max(
      ...row.map((cell, c) => richHeight(doc, cell, { size, width: (columns[c]?.width ?? 50) - 2 * pad })),
      size,
    ) +
    2 * pad
  ensureSpace(doc, headerHeight + (rows[0] ? rowHeight(rows[0]) : 0))
  drawHeader(true)
  rows.forEach((row, r) => {
    const h = rowHeight(row)
    if (doc.y + h > bottomLimit()) {
      doc.addPage()
      drawHeader(false)
    }
    const y = doc.y
    if (r % 2 === 1) artifact(doc, () => doc.save().rect(Page.margin, y, contentWidth(), h).fill(Ink.shade).restore())
    const tr = group(doc, tableElement, 'TR')
    let x = Page.margin
    row.forEach((cell, c) => {
      const column = columns[c]!
      const cx = x
      block(doc, tr, 'TD', () =>
        rich(doc, cell, {
          size,
          x: cx + pad,
          y: y + pad,
          width: column.width - 2 * pad,
          align: column.align ?? 'left',
        }),
      )
      x += column.width
    })
    tr.end()
    doc.y = y + h
  })
  tableElement.end()
  rule(doc, doc.y)
  doc.y += 8
}

/** Height of a table's header row and first row: what a heading above it keeps on its page. */
export function tableStartHeight(
  doc: PDFDocument,
  columns: readonly Column[],
  first: readonly string[] | undefined,
  size = 9.5,
): number {
  const fitted = fitColumns(doc, columns, size)
  const header = Math.max(
    ...fitted.map((c) => richHeight(doc, c.title, { size: size - 0.5, weight: Weight.bold, width: c.width - 8 })),
  )
  const row = first
    ? Math.max(...first.map((cell, i) => richHeight(doc, cell, { size, width: (fitted[i]?.width ?? 50) - 8 })))
    : 0
  return header + row + 4 * CELL_PAD + 2
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
    artifact(
      doc,
      () => {
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
          line(doc, 46)
        }
        line(doc, Page.height - 44)
        rich(doc, footer, {
          size: 8,
          color: Ink.muted,
          x: Page.margin,
          y: Page.height - 38,
          width: contentWidth() * 0.7,
        })
        rich(doc, pageLabel(i - range.start + 1, range.count), {
          size: 8,
          color: Ink.muted,
          x: Page.margin,
          y: Page.height - 38,
          width: contentWidth(),
          align: 'right',
        })
      },
      'Pagination',
    )
    doc.page.margins = margins
  }
}

/** A plain line (inside an artifact already). */
function line(doc: PDFDocument, y: number): void {
  doc
    .save()
    .moveTo(Page.margin, y)
    .lineTo(Page.width - Page.margin, y)
    .lineWidth(0.6)
    .stroke(Ink.rule)
    .restore()
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
export function eyebrow(doc: PDFDocument, parent: Struct, text: string): void {
  // Read as the word, not as spaced capitals.
  block(
    doc,
    parent,
    'P',
    () =>
      rich(doc, text.toUpperCase(), {
        size: 9,
        weight: Weight.bold,
        color: Ink.muted,
        y: Page.top - 8,
        characterSpacing: 1.5,
      }),
    { actual: text },
  )
  doc.y += 4
}
