import { unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { allIdeas, buildBoardReport, type BoardReport } from '../src/export/BoardReport.ts'
import { buildCsv, csvField } from '../src/export/csv.ts'
import { buildDocx } from '../src/export/docx.ts'
import { BoardExportError, buildBoardJson, parseBoardExport } from '../src/export/json.ts'
import { buildMarkdown, escapeMarkdown } from '../src/export/markdown.ts'
import { pdfToBuffer } from '../src/export/pdf/pdfLayout.ts'
import { buildPdf } from '../src/export/pdf/pdfReport.ts'
import { buildPng } from '../src/export/png.ts'
import { buildWorkshopZip } from '../src/export/renderExport.ts'
import { sampleBoard, SampleTexts } from '../src/export/sampleBoard.ts'
import { buildSvg } from '../src/export/svg.ts'
import { docxText, parseCsv, pdfText, pngSize, squash, svgTexts } from './exportParsers.ts'

const sample = sampleBoard(14)
const report = buildBoardReport(sample.input)
const ideas = allIdeas(report)
const comments = ideas.flatMap((i) => i.comments)

describe('report model', () => {
  it('assembles clusters, unclustered ideas, rounds with ranks, comments and the shortlist', () => {
    expect(report.clusters.map((c) => c.title)).toEqual(['Mobilität & Verkehr', 'Grün in der Stadt <i>'])
    expect(report.clusters[0]!.ideas).toHaveLength(5)
    expect(report.unclusteredIdeas).toHaveLength(4)
    expect(report.rounds.map((r) => r.index)).toEqual([1, 2])
    const ranking = report.rounds[0]!.ranking
    expect(ranking[0]!.rank).toBe(1)
    for (let i = 1; i < ranking.length; i++) {
      const [a, b] = [ranking[i - 1]!, ranking[i]!]
      expect(b.rank).toBe(a.votes === b.votes ? a.rank : i + 1)
    }
    expect(comments).toHaveLength(6)
    expect(report.shortlist).toEqual(sample.cardIds.slice(0, 3))
    expect(ideas.filter((i) => i.shortlisted)).toHaveLength(3)
    expect(report.participantsCount).toBe(7)
  })

  it('hides authors when asked and keeps no votes for a board without rounds', () => {
    const hidden = buildBoardReport({ ...sampleBoard(5, { votes: false }).input, hideAuthors: true })
    expect(allIdeas(hidden).every((i) => i.author === null && Object.keys(i.votesByRound).length === 0)).toBe(true)
    expect(hidden.rounds).toEqual([])
  })
})

describe('PDF', () => {
  it('contains every idea, cluster, vote count and comment, in every script', async () => {
    const text = squash(await pdfText(await pdfToBuffer(buildPdf(report))))
    // A PDF stores right-to-left text in visual order: Arabic is checked word by word.
    const rtl = /[\u0600-\u06FF]/
    const present = (value: string) => {
      if (!rtl.test(value)) return expect(text, value).toContain(squash(value))
      for (const word of value.split(/\s+/)) expect(text, value).toContain(squash(word.replace(':', '')))
    }
    for (const idea of ideas) present(idea.text)
    for (const cluster of report.clusters) present(cluster.title)
    for (const comment of comments) present(comment.text)
    for (const round of report.rounds) {
      for (const entry of round.ranking) {
        if (rtl.test(entry.text)) present(entry.text)
        else expect(text).toContain(squash(`${entry.text}${entry.votes}`))
      }
    }
    for (const word of ['Ergebnisprotokoll', 'Leitfrage', 'Moderation', 'Ayşe', 'Łukasiewicz', 'Seite1von']) {
      expect(text).toContain(squash(word))
    }
    for (const exotic of ['ş', 'ğ', 'ı', 'İ', 'ß', 'ż', 'ł', '🔧', '🌱', 'حديقة']) expect(text).toContain(exotic)
    expect(text).toContain(squash('<script>alert("x")</script>'))
  })

  it('has a table of contents and page numbers on long reports, and still works for an empty board', async () => {
    const long = buildBoardReport(sampleBoard(60).input)
    const longText = squash(await pdfText(await pdfToBuffer(buildPdf(long, { picture: false }))))
    expect(longText).toContain('Inhalt')
    expect(longText).toMatch(/Seite\d+von\d+/)
    const empty = buildBoardReport({ ...sampleBoard(0).input, records: [] })
    const emptyText = squash(await pdfText(await pdfToBuffer(buildPdf(empty))))
    expect(emptyText).toContain(squash('Es gab keine Abstimmungsrunde.'))
    expect(emptyText).toContain(squash('Keine Ideen.'))
  })

  it('says so when a board has no votes, in English when the workshop is English', async () => {
    const input = sampleBoard(5, { votes: false }).input
    const en = buildBoardReport({ ...input, workshop: { ...input.workshop, language: 'en' } })
    const text = squash(await pdfText(await pdfToBuffer(buildPdf(en, { picture: false }))))
    expect(text).toContain('Resultsreport')
    expect(text).toContain(squash('There was no voting round.'))
    expect(text).toContain(squash('The shortlist is empty.'))
  })
})

describe('DOCX', () => {
  it('is an editable document with headings, lists and tables holding every idea, vote and comment', async () => {
    const files = unzipSync(await buildDocx(report))
    const xml = new TextDecoder().decode(files['word/document.xml'])
    expect(xml).toContain('w:val="Heading1"')
    expect(xml).toContain('w:val="Heading2"')
    expect(xml).toContain('<w:numPr>')
    expect(xml).toContain('<w:tbl>')
    expect(xml).not.toMatch(/<script/i)
    const text = squash(docxText(xml))
    for (const idea of ideas) expect(text).toContain(squash(idea.text))
    for (const cluster of report.clusters) expect(text).toContain(squash(cluster.title))
    for (const comment of comments) expect(text).toContain(squash(comment.text))
    for (const entry of report.rounds[0]!.ranking) expect(text).toContain(squash(`${entry.text}${entry.votes}`))
    expect(Object.keys(files).some((name) => name.startsWith('word/media/'))).toBe(true)
  })
})

describe('CSV', () => {
  const rows = parseCsv(buildCsv(report))

  it('has one row per idea with cluster, author, comments, votes per round and shortlist', () => {
    expect(rows[0]).toEqual([
      'Thementisch',
      'Themengruppe',
      'Idee',
      'Autor/in',
      'Anzahl Kommentare',
      'Punkte Runde 1',
      'Punkte Runde 2',
      'Shortlist',
      'id',
    ])
    expect(rows).toHaveLength(ideas.length + 1)
    for (const idea of ideas) {
      const row = rows.find((r) => r[8] === idea.id)!
      expect(row[2]!.replace(/^'/, '')).toBe(idea.text)
      expect(row[4]).toBe(String(idea.comments.length))
      expect(row[5]).toBe(String(idea.votesByRound['round-1'] ?? 0))
      expect(row[6]).toBe(String(idea.votesByRound['round-2'] ?? 0))
      expect(row[7]).toBe(idea.shortlisted ? 'ja' : 'nein')
    }
  })

  it('neutralises spreadsheet formulas and quotes per RFC 4180', () => {
    for (const evil of ['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\tTAB', '\rCR']) {
      expect(parseCsv(csvField(evil))[0]![0]).toBe(`'${evil}`)
    }
    expect(csvField('a "quoted", text\nnext')).toBe('"a ""quoted"", text\nnext"')
    const injected = rows.find((r) => r[2]!.includes('HYPERLINK'))!
    expect(injected[2]!.startsWith("'=")).toBe(true)
    expect(buildCsv(report).startsWith('\uFEFF')).toBe(true)
  })

  it('separates with ";" for German workshops and "," for English ones, as their spreadsheets do', () => {
    const german = buildCsv(report)
    expect(german.split('\r\n')[0]).toBe(
      '\uFEFFThementisch;Themengruppe;Idee;Autor/in;Anzahl Kommentare;Punkte Runde 1;Punkte Runde 2;Shortlist;id',
    )
    const english = buildCsv({ ...report, workshop: { ...report.workshop, language: 'en' } })
    expect(english.split('\r\n')[0]).toBe(
      '\uFEFFTable,Cluster,Idea,Author,Comments,Votes Round 1,Votes Round 2,Shortlisted,id',
    )
    for (const [csv, delimiter] of [
      [german, ';'],
      [english, ','],
    ] as const) {
      // Read with only the language's separator: every row has the header's cell count.
      const parsed = parseCsv(csv, delimiter)
      expect(parsed.every((row) => row.length === 9)).toBe(true)
      const quoted = ideas.find((i) => i.text.includes('"Anführungszeichen"'))!
      expect(parsed.find((r) => r[8] === quoted.id)?.[2]).toBe(quoted.text)
    }
  })
})

describe('SVG and PNG', () => {
  it('draws every card with its text escaped, clusters, the arrow and the drawing', async () => {
    const svg = buildSvg(report)
    const { Resvg } = await import('@resvg/resvg-js')
    expect(() => new Resvg(svg)).not.toThrow()
    expect(svg).not.toContain('<script')
    expect(svg).toContain('&lt;script&gt;')
    const texts = squash(svgTexts(svg).join(''))
    for (const idea of ideas) expect(texts).toContain(squash(idea.text))
    for (const cluster of report.clusters) expect(texts).toContain(squash(cluster.title))
    expect(svg.match(/class="idea"/g)).toHaveLength(ideas.length)
    expect(svg).toContain('marker-end="url(#arrowhead)"')
    expect(svg).toContain('class="drawing"')
  })

  it('renders a PNG of the board at a sensible size, also for an empty board', () => {
    const png = buildPng(report)
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    const size = pngSize(png)
    expect(size.width).toBe(Math.round(report.drawing.bounds.w))
    expect(size.height).toBe(Math.round(report.drawing.bounds.h))
    const empty = buildPng(buildBoardReport({ ...sampleBoard(0).input, records: [] }))
    expect(pngSize(empty)).toEqual({ width: 800, height: 500 })
  })
})

describe('Markdown', () => {
  it('holds every idea and comment with markup made inert', () => {
    const md = buildMarkdown(report)
    // No tag a renderer could read: every '<' before a tag name is backslash-escaped.
    expect(md).not.toMatch(/(?<!\\)<(script|img|b)\b/)
    expect(md).toContain('\\<script>alert("x")\\</script> & \\<b>fett\\</b>')
    expect(md).toContain('Spalte \\| mit \\# Markdown \\*Sternchen\\*')
    for (const cluster of report.clusters) expect(md).toContain(`### ${escapeMarkdown(cluster.title)}`)
    expect(md).toContain('| 1 |')
  })

  it('escapes only what Markdown reads as markup: no HTML entities in plain text', () => {
    expect(escapeMarkdown('Bus & Rufbus')).toBe('Bus & Rufbus')
    expect(escapeMarkdown('Tempo < 30 > nichts')).toBe('Tempo < 30 > nichts')
    expect(escapeMarkdown('„Grün“ – 50 % mehr Bäume!')).toBe('„Grün“ – 50 % mehr Bäume!')
    expect(escapeMarkdown('&amp; &#60; <https://x.invalid>')).toBe('\\&amp; &\\#60; \\<https://x.invalid>')
    expect(escapeMarkdown('> Zitat\n- Liste\n1. Punkt')).toBe('\\> Zitat\n\\- Liste\n\\1. Punkt')
    const md = buildMarkdown(report)
    expect(md).not.toMatch(/&(amp|lt|gt|quot);/)
  })
})

describe('JSON backup', () => {
  const json = buildBoardJson({
    report,
    records: sample.input.records as unknown[],
    schema: { schemaVersion: 2, sequences: {} },
    appVersion: '0.1.0',
  })

  it('round-trips through parseBoardExport with records and the report model', () => {
    const parsed = parseBoardExport(json)
    expect(parsed.format).toBe('pinnwand-board')
    expect(parsed.version).toBe(1)
    expect(parsed.document.records).toHaveLength((sample.input.records as unknown[]).length)
    expect(parsed.report.rounds).toEqual(report.rounds)
    expect(parsed.report.clusters).toEqual(report.clusters)
    expect(parsed.report.shortlist).toEqual(report.shortlist)
  })

  it('rejects corrupt and foreign files with a clear error', () => {
    const cases: [unknown, RegExp][] = [
      ['{"format": "pinnwand-board", "vers', /not valid JSON/],
      ['[1,2,3]', /not a Pinnwand board export/],
      [JSON.stringify({ type: 'excalidraw', elements: [] }), /not a Pinnwand board export/],
      [JSON.stringify({ ...JSON.parse(json), version: 2 }), /newer Pinnwand/],
      [JSON.stringify({ ...JSON.parse(json), document: { schema: {}, records: [{ typeName: 'shape' }] } }), /damaged/],
    ]
    for (const [input, message] of cases) {
      expect(() => parseBoardExport(input)).toThrow(BoardExportError)
      expect(() => parseBoardExport(input)).toThrow(message)
    }
    const doubled = JSON.parse(json)
    doubled.document.records.push(doubled.document.records[0])
    expect(() => parseBoardExport(doubled)).toThrow(/appears twice/)
  })
})

describe('workshop ZIP', () => {
  it('has the summary first and one folder per board with every format', async () => {
    const second: BoardReport = buildBoardReport({
      ...sampleBoard(3, { votes: false }).input,
      board: { id: 'b2', title: 'Tisch 2', question: '' },
    })
    const job = (r: BoardReport) => ({ report: r, records: [], schema: {}, appVersion: '0.1.0' })
    const files = unzipSync(await buildWorkshopZip([job(report), job(second)]))
    const names = Object.keys(files)
    expect(names[0]).toMatch(/^00-Gesamtuebersicht.*\.pdf$/)
    expect(names).toContain(names[0]!.replace(/\.pdf$/, '.xlsx'))
    for (const ext of ['pdf', 'archiv.pdf', 'docx', 'md', 'csv', 'xlsx', 'json', 'svg', 'png']) {
      expect(names).toContain(`01-Thementisch-3-Mobilitaet-Klima/Thementisch-3-Mobilitaet-Klima.${ext}`)
      expect(names).toContain(`02-Tisch-2/Tisch-2.${ext}`)
    }
    const summary = squash(await pdfText(Buffer.from(files[names[0]!]!)))
    expect(summary).toContain(squash(SampleTexts[0]!))
  })
})
