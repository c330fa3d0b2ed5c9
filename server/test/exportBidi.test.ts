import { describe, expect, it } from 'vitest'
import { buildBoardReport } from '../src/export/BoardReport.ts'
import { hasRightToLeft, piecesLeftToRight, resolveBidi, visualRuns } from '../src/export/bidiRuns.ts'
import { block, createPdf, finishPdf, pdfToBuffer, rich } from '../src/export/pdf/pdfLayout.ts'
import { buildPdf } from '../src/export/pdf/pdfReport.ts'
import { sampleBoard } from '../src/export/sampleBoard.ts'

/** The lines PDF.js reads from a PDF (it puts right-to-left text back into reading order). */
async function readLines(pdf: Uint8Array): Promise<string[]> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs')
  const task = getDocument({ data: new Uint8Array(pdf), useSystemFonts: false })
  const doc = await task.promise
  const lines: string[] = []
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent()
    for (const item of content.items) if ('str' in item && item.str.trim()) lines.push(item.str)
  }
  await task.destroy()
  return lines
}

const ARABIC = 'العربية: حديقة عامة جديدة للحي'
const HEBREW = 'עברית: גינה קהילתית חדשה'

async function pdfOf(texts: string[], width?: number): Promise<string[]> {
  const doc = createPdf({ title: 'RTL', subject: 'RTL', language: 'de' })
  for (const text of texts) block(doc, doc.root, 'P', () => rich(doc, text, { size: 11, width }))
  finishPdf(doc)
  return readLines(await pdfToBuffer(doc))
}

describe('right-to-left text in the PDF (issue 19)', () => {
  it('orders a line by the Unicode bidi algorithm, runs kept in typing order for shaping', () => {
    const text = 'Bus und حافلة كهربائية ok'
    const runs = visualRuns(resolveBidi(text), 0, text.length)
    expect(runs).toEqual([
      { text: 'Bus und ', rtl: false },
      { text: 'حافلة كهربائية', rtl: true },
      { text: ' ok', rtl: false },
    ])
    // A colon alone between right-to-left words is turned around and mirrored by us, not the shaper.
    expect(piecesLeftToRight({ text: '(', rtl: true })).toEqual([{ script: 'latin', text: ')' }])
    expect(hasRightToLeft('Grünfläche')).toBe(false)
    expect(hasRightToLeft(HEBREW)).toBe(true)
  })

  it('an Arabic and a Hebrew idea read back word for word, in order, with their spaces', async () => {
    const lines = await pdfOf([ARABIC, HEBREW, 'Mixed: Bus und حافلة كهربائية ok'])
    expect(lines).toContain(ARABIC)
    expect(lines).toContain(HEBREW)
    expect(lines).toContain('حافلة كهربائية')
    expect(lines).toContain('Mixed: Bus und')
  })

  it('keeps the word order around brackets in right-to-left text', async () => {
    // Brackets are drawn mirrored, as a reader must see them; PDF.js reads back the drawn glyph,
    // so only the words are compared here.
    const lines = await pdfOf(['حديقة (عامة) جديدة', 'עברית: גינה חדשה (2030)'])
    const words = lines.join(' ').replace(/[()]/g, ' ').split(/\s+/).filter(Boolean)
    expect(words).toEqual(expect.arrayContaining(['حديقة', 'عامة', 'جديدة']))
    expect(words.join(' ')).toContain('حديقة عامة جديدة')
    expect(words.join(' ')).toContain('עברית: גינה חדשה')
    expect(words).toContain('2030')
  })

  it('wraps a long Arabic paragraph into lines that each read in order', async () => {
    const words = ['حديقة', 'عامة', 'جديدة', 'للحي', 'مع', 'أشجار', 'ومقاعد', 'وملعب', 'للصغار', 'وممرات', 'للدراجات']
    const lines = await pdfOf([words.join(' ')], 120)
    const arabic = lines.filter(hasRightToLeft)
    expect(arabic.length).toBeGreaterThan(2)
    // Every word once, in typing order, across the wrapped lines.
    expect(arabic.join(' ').split(/\s+/)).toEqual(words)
  })

  it('the sample report prints its Arabic idea in reading order', async () => {
    const lines = await readLines(await pdfToBuffer(buildPdf(buildBoardReport(sampleBoard(14).input))))
    expect(lines.some((line) => line.includes('عربي: حديقة مجتمعية للجميع'))).toBe(true)
  })
})
