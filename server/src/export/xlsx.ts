import writeXlsxFile, { type Cell, type Row, type Sheet } from 'write-excel-file/node'
import { type BoardReport, ideaIndex } from './BoardReport.ts'
import { buildCsvRows } from './csv.ts'
import { type Labels, labelsFor } from './labels.ts'

/**
 * The spreadsheet export for organisers who work in Excel: one sheet with every idea of a table
 * and one sheet per voting round with its ranking. Cells are typed (counts are numbers, so they
 * sum and sort), and text is written as text cells, which no spreadsheet runs as a formula — so,
 * unlike the CSV, ideas keep their exact text without a neutralising apostrophe.
 */

type SheetSpec = Sheet<Buffer>

/** Excel refuses sheet names over 31 characters, with `[]:*?/\`, or used twice in one file. */
export function sheetName(wanted: string, used: Set<string>): string {
  const base =
    wanted
      .replace(/[[\]:*?/\\]/g, ' ')
      .replace(/\s+/g, ' ')
      .replace(/^'+|'+$/g, '')
      .slice(0, 31)
      .trim() || 'Sheet'
  let name = base
  for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base.slice(0, 31 - String(n).length - 1)} ${n}`
  used.add(name.toLowerCase())
  return name
}

const header = (values: readonly string[]): Row =>
  values.map((value) => ({ value, fontWeight: 'bold' as const, backgroundColor: '#dde5ee', wrap: true }))

const text = (value: string): Cell => ({ value, type: String, wrap: true, alignVertical: 'top' })

function ideasSheet(report: BoardReport, name: string): SheetSpec {
  const [titles, ...rows] = buildCsvRows(report)
  return {
    sheet: name,
    data: [
      header((titles ?? []).map(String)),
      ...rows.map((row) => row.map((value) => (typeof value === 'number' ? { value, type: Number } : text(value)))),
    ],
    columns: [{ width: 22 }, { width: 24 }, { width: 60 }, { width: 20 }, { width: 12 }]
      .concat(report.rounds.map(() => ({ width: 12 })))
      .concat([{ width: 12 }, { width: 24 }]),
    stickyRowsCount: 1,
  }
}

function roundSheet(report: BoardReport, roundIndex: number, name: string, l: Labels): SheetSpec {
  const round = report.rounds[roundIndex]!
  const ideas = ideaIndex(report)
  return {
    sheet: name,
    data: [
      header([l.rank, l.idea, l.cluster, l.votes, l.proxyVotesColumn]),
      ...round.ranking.map((entry): Row => [
        { value: entry.rank, type: Number },
        text(entry.text || l.removedIdea),
        text(ideas.get(entry.ideaId)?.cluster?.title ?? ''),
        { value: entry.votes, type: Number },
        { value: entry.proxyVotes ?? 0, type: Number },
      ]),
    ],
    columns: [{ width: 8 }, { width: 60 }, { width: 24 }, { width: 10 }, { width: 16 }],
    stickyRowsCount: 1,
  }
}

/** The sheets of one table: its ideas, then one per round, names prefixed when several tables share a file. */
function tableSheets(report: BoardReport, used: Set<string>, prefix = ''): SheetSpec[] {
  const l = labelsFor(report.workshop.language)
  return [
    ideasSheet(report, sheetName(prefix ? `${prefix} ${report.board.title}` : l.ideasCount, used)),
    ...report.rounds.map((round, i) =>
      roundSheet(report, i, sheetName(`${prefix ? `${prefix} ` : ''}${l.roundTitle(round.index)}`, used), l),
    ),
  ]
}

async function write(sheets: SheetSpec[]): Promise<Buffer> {
  return writeXlsxFile(sheets, { fontFamily: 'Calibri', fontSize: 11 }).toBuffer()
}

/** One table's spreadsheet: its ideas, then one sheet per voting round. */
export function buildXlsx(report: BoardReport): Promise<Buffer> {
  return write(tableSheets(report, new Set()))
}

/**
 * The workshop's spreadsheet (in the ZIP): for every table its ideas and one sheet per round,
 * numbered in table order ("01 Mobilität", "01 Runde 1", "02 …").
 */
export function buildWorkshopXlsx(reports: readonly BoardReport[]): Promise<Buffer> {
  const used = new Set<string>()
  const sheets = reports.flatMap((report, i) => tableSheets(report, used, String(i + 1).padStart(2, '0')))
  // A workshop without tables still gets a readable file rather than an error.
  return write(sheets.length > 0 ? sheets : [{ sheet: labelsFor(undefined).summaryBoards, data: [[null]] }])
}
