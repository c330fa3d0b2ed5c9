import readExcelFile from 'read-excel-file/node'
import { describe, expect, it } from 'vitest'
import { allIdeas, buildBoardReport } from '../src/export/BoardReport.ts'
import { sampleBoard } from '../src/export/sampleBoard.ts'
import { buildWorkshopXlsx, buildXlsx, sheetName } from '../src/export/xlsx.ts'

const report = buildBoardReport(sampleBoard(14).input)
const ideas = allIdeas(report)

describe('XLSX', () => {
  it('has a sheet of ideas and one per round, read back with a spreadsheet library', async () => {
    const sheets = await readExcelFile(await buildXlsx(report))
    expect(sheets.map((s) => s.sheet)).toEqual(['Ideen', 'Runde 1', 'Runde 2'])
    const [header, ...rows] = sheets[0]!.data
    expect(header).toEqual([
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
    expect(rows).toHaveLength(ideas.length)
    for (const idea of ideas) {
      const row = rows.find((r) => r[8] === idea.id)!
      // Text cells are never formulas, so the text stays exactly as written (no apostrophe).
      expect(row[2]).toBe(idea.text)
      expect(row[3]).toBe(idea.author)
      expect(row[4]).toBe(idea.comments.length)
      expect(row[5]).toBe(idea.votesByRound['round-1'] ?? 0)
      expect(row[6]).toBe(idea.votesByRound['round-2'] ?? 0)
    }
    expect(rows.some((r) => r[2] === '=HYPERLINK("http://example.invalid","klick")')).toBe(true)

    const round = report.rounds[0]!
    const [roundHeader, ...ranking] = sheets[1]!.data
    expect(roundHeader).toEqual(['Rang', 'Idee', 'Themengruppe', 'Punkte', 'davon stellvertretend'])
    expect(ranking.map((r) => [r[0], r[1], r[3]])).toEqual(round.ranking.map((e) => [e.rank, e.text, e.votes]))
  })

  it('holds every table and its rounds in the workshop file, with unique legal sheet names', async () => {
    const second = buildBoardReport({
      ...sampleBoard(3, { votes: false }).input,
      board: { id: 'b2', title: 'Tisch [2]: Wohnen/Arbeiten? ein sehr langer Titel', question: '' },
    })
    const sheets = await readExcelFile(await buildWorkshopXlsx([report, second]))
    expect(sheets.map((s) => s.sheet)).toEqual([
      '01 Thementisch 3 Mobilität & Kl',
      '01 Runde 1',
      '01 Runde 2',
      '02 Tisch 2 Wohnen Arbeiten ein',
    ])
    expect(sheets[3]!.data).toHaveLength(4)
    const used = new Set<string>()
    expect([sheetName('Runde 1', used), sheetName('runde 1', used), sheetName('', used)]).toEqual([
      'Runde 1',
      'runde 1 2',
      'Sheet',
    ])
  })

  it('writes English headers for English workshops', async () => {
    const english = { ...report, workshop: { ...report.workshop, language: 'en' as const } }
    const sheets = await readExcelFile(await buildXlsx(english))
    expect(sheets.map((s) => s.sheet)).toEqual(['Ideas', 'Round 1', 'Round 2'])
    expect(sheets[1]!.data[0]).toEqual(['Rank', 'Idea', 'Cluster', 'Votes', 'By proxy'])
  })
})
