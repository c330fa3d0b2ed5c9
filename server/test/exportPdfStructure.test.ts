import { describe, expect, it } from 'vitest'
import { buildBoardReport } from '../src/export/BoardReport.ts'
import { FontScript, fontBuffers, splitByScript } from '../src/export/fonts.ts'
import { createPdf, fitColumns, pdfToBuffer } from '../src/export/pdf/pdfLayout.ts'
import { buildPdf } from '../src/export/pdf/pdfReport.ts'
import { buildWorkshopSummaryPdf } from '../src/export/pdf/pdfSummary.ts'
import { sampleBoard } from '../src/export/sampleBoard.ts'

const report = buildBoardReport(sampleBoard(14).input)

interface StructNode {
  role: string
  alt?: string
  lang?: string
  children?: (StructNode | { type: string })[]
}

/** Opens a PDF with PDF.js (a reader, not our writer) and hands back what a validator looks at. */
async function inspect(pdf: Uint8Array) {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs')
  const task = getDocument({ data: new Uint8Array(pdf), useSystemFonts: false })
  const doc = await task.promise
  const pages = []
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i)
    const text = await page.getTextContent()
    pages.push({
      tree: (await page.getStructTree()) as StructNode | null,
      items: text.items.flatMap((item) =>
        'str' in item && item.str.trim()
          ? [{ str: item.str, size: Math.hypot(item.transform[0], item.transform[1]), y: item.transform[5] as number }]
          : [],
      ),
    })
  }
  const meta = await doc.getMetadata()
  await task.destroy()
  const raw = Buffer.from(pdf).toString('latin1')
  return { pages, meta, raw, marked: /\/MarkInfo[\s\S]{0,40}\/Marked true|\/Marked true/.test(raw) }
}

const roles = (node: StructNode | null | undefined, out: StructNode[] = []): StructNode[] => {
  if (!node) return out
  out.push(node)
  for (const child of node.children ?? []) if ('role' in child) roles(child as StructNode, out)
  return out
}

describe('tagged PDF (issue 19: accessible and archivable record)', () => {
  it('has a structure tree with headings, lists, tables and a figure with alt text, language and title', async () => {
    const bytes = await pdfToBuffer(buildPdf(report))
    const { pages, meta, marked } = await inspect(bytes)
    expect(marked).toBe(true)
    const all = pages.flatMap((p) => roles(p.tree))
    const found = new Set(all.map((n) => n.role))
    for (const role of ['H1', 'H2', 'P', 'L', 'LI', 'Lbl', 'LBody', 'Table', 'TR', 'TH', 'TD', 'Figure']) {
      expect(found, role).toContain(role)
    }
    expect(all.filter((n) => n.role === 'Figure').every((n) => (n.alt ?? '').length > 10)).toBe(true)
    const raw = Buffer.from(bytes).toString('latin1')
    expect(raw).toContain('/StructTreeRoot')
    expect(raw).toMatch(/\/Lang \(de\)/)
    expect(raw).toMatch(/\/DisplayDocTitle true/)
    expect(meta.info).toMatchObject({ Title: `Ergebnisprotokoll: ${report.board.title}` })
    // PDF/UA-1 identification in the XMP metadata.
    expect(meta.metadata?.get('pdfuaid:part')).toBe('1')
    // Every font is embedded (TrueType font files), none referenced by name only.
    const fonts = raw.match(/\/Type \/Font\b/g)?.length ?? 0
    expect(fonts).toBeGreaterThan(0)
    expect(raw.match(/\/FontFile2 /g)?.length).toBeGreaterThanOrEqual(
      raw.match(/\/Type \/FontDescriptor/g)?.length ?? 1,
    )
  })

  it('makes the archive variant PDF/A-2b with an sRGB output intent, still tagged', async () => {
    const bytes = await pdfToBuffer(buildPdf(report, { archive: true, picture: false }))
    const { meta, marked } = await inspect(bytes)
    expect(meta.metadata?.get('pdfaid:part')).toBe('2')
    expect(meta.metadata?.get('pdfaid:conformance')).toBe('B')
    expect(meta.metadata?.get('pdfuaid:part')).toBe('1')
    expect(marked).toBe(true)
    const raw = Buffer.from(bytes).toString('latin1')
    expect(raw).toContain('/OutputIntents')
    expect(raw).toContain('/GTS_PDFA1')
    expect(raw.startsWith('%PDF-1.7')).toBe(true)
  })

  it('never cuts a header word: "Abstimmungsrunden" keeps its column whole', async () => {
    const doc = createPdf({ title: 't', subject: 's', language: 'de' })
    for (const size of [9.5, 12]) {
      const columns = fitColumns(
        doc,
        [
          { title: 'Thementisch', width: 243 },
          { title: 'Teilnehmende', width: 80 },
          { title: 'Ideen', width: 80 },
          { title: 'Abstimmungsrunden', width: 80 },
        ],
        size,
      )
      doc.font('bold').fontSize(size - 0.5)
      for (const column of columns) {
        for (const word of column.title.split(' '))
          expect(doc.widthOfString(word) + 8).toBeLessThanOrEqual(column.width)
      }
      expect(columns.reduce((sum, c) => sum + c.width, 0)).toBeCloseTo(483, 0)
    }
    const reports = [
      report,
      buildBoardReport({ ...sampleBoard(3).input, board: { id: 'b2', title: 'Tisch 2', question: '' } }),
    ]
    const { pages } = await inspect(await pdfToBuffer(buildWorkshopSummaryPdf(reports)))
    const words = pages.flatMap((p) => p.items.map((i) => i.str.trim()))
    expect(words.some((w) => w.includes('Abstimmungsrunden'))).toBe(true)
    expect(words.some((w) => /^Abstimmungsr\S*$/.test(w) && w !== 'Abstimmungsrunden')).toBe(false)
  })

  it('leaves no heading alone at the end of a page, whatever the board size', async () => {
    for (const cards of [12, 19, 26, 33, 41, 55]) {
      const long = buildBoardReport(sampleBoard(cards).input)
      const { pages } = await inspect(await pdfToBuffer(buildPdf(long, { picture: false })))
      pages.forEach((page, i) => {
        // Body text only: the running header sits above 795 pt, the footer below 50 pt.
        const body = page.items.filter((item) => item.y > 50 && item.y < 795)
        if (i === pages.length - 1 || body.length === 0) return
        const last = body.reduce((low, item) => (item.y < low.y ? item : low))
        expect(last.size, `${cards} cards, page ${i + 1} ends with "${last.str}"`).toBeLessThan(12)
      })
    }
  })

  it('draws symbols and emoji with a bundled font that has them, never a missing-glyph box', async () => {
    const { create } = await import('fontkit')
    const buffers = fontBuffers()
    const fonts = { latin: create(buffers.regular), arabic: create(buffers.arabic), emoji: create(buffers.emoji) }
    const text = 'Bahnhof ↔ Uni ✓ → ★ ⚠ € ½ ≥ 🎉 🚲 🌱'
    for (const run of splitByScript(text)) {
      const font =
        run.script === FontScript.arabic ? fonts.arabic : run.script === FontScript.emoji ? fonts.emoji : fonts.latin
      for (const char of run.text.replace(/\s/g, '')) {
        expect(font.hasGlyphForCodePoint(char.codePointAt(0)!), `${char} in ${run.script}`).toBe(true)
      }
    }
    const withSymbols = buildBoardReport({
      ...sampleBoard(2).input,
      board: { id: 'b', title: 'Bahnhof ↔ Uni ✓', question: 'Wege ★ 🎉' },
    })
    const { pages } = await inspect(await pdfToBuffer(buildPdf(withSymbols, { picture: false })))
    const all = pages.flatMap((p) => p.items.map((i) => i.str)).join('')
    for (const char of ['↔', '✓', '★', '🎉']) expect(all).toContain(char)
  })
})

describe('names in the picture of the board', () => {
  it('are left out of the drawing when authors are hidden', () => {
    const hidden = buildBoardReport({ ...sampleBoard(5).input, hideAuthors: true })
    const cards = hidden.drawing.items.filter((item) => item.kind === 'card')
    expect(cards.length).toBe(5)
    expect(cards.every((card) => card.kind === 'card' && card.author === '')).toBe(true)
    const shown = buildBoardReport(sampleBoard(5).input)
    expect(shown.drawing.items.some((item) => item.kind === 'card' && item.author === 'Person 1')).toBe(true)
  })
})

describe('right-to-left ideas in DOCX', () => {
  it('marks Arabic and Hebrew idea paragraphs and runs right-to-left, and only those', async () => {
    const { unzipSync } = await import('fflate')
    const { buildDocx, isRightToLeft } = await import('../src/export/docx.ts')
    expect(isRightToLeft('عربي: حديقة مجتمعية للجميع')).toBe(true)
    expect(isRightToLeft('גינה קהילתית לכולם')).toBe(true)
    expect(isRightToLeft('Park 2026 – حديقة')).toBe(false)
    expect(isRightToLeft('12: حديقة')).toBe(true)
    const xml = new TextDecoder().decode(unzipSync(await buildDocx(report, { picture: false }))['word/document.xml']!)
    const paragraphs = xml.split('</w:p>')
    const arabic = paragraphs.find((p) => p.includes('حديقة مجتمعية'))!
    expect(arabic).toContain('<w:bidi/>')
    expect(arabic).toContain('<w:rtl/>')
    const german = paragraphs.find((p) => p.includes('Fahrradstraße zwischen Bahnhof'))!
    expect(german).not.toContain('<w:bidi/>')
  })
})
