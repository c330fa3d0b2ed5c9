import { reportBoardName } from './plenaryReport.ts'
import { type BoardReport, ideaIndex } from './BoardReport.ts'
import { type ExportLanguage, labelsFor } from './labels.ts'

/**
 * Spreadsheets run a cell that starts with one of these as a formula (CSV injection, OWASP).
 * A leading apostrophe makes Excel and LibreOffice show the text as it is.
 */
const FORMULA_START = /^[=+\-@\t\r]/

/**
 * German spreadsheets split CSV at `;`, not `,`: opened there, every `;` inside a field starts a
 * new cell (quotes do not help in the middle of a cell), so each `;`-separated part is
 * neutralised as if it were a field of its own.
 */
export function neutralizeFormula(value: string): string {
  return value
    .split(';')
    .map((part) => (FORMULA_START.test(part) ? `'${part}` : part))
    .join(';')
}

/**
 * The field separator a spreadsheet of the workshop's language expects when the file is opened
 * by double-click: German Excel and LibreOffice split at `;` (the comma is the decimal mark
 * there), English ones at `,`.
 */
export function csvDelimiter(language: ExportLanguage): ';' | ',' {
  return language === 'en' ? ',' : ';'
}

/**
 * RFC 4180: quote fields with a quote, line break or either separator (so the file reads the
 * same whichever separator a program assumes); double inner quotes.
 */
export function csvField(value: string | number): string {
  const text = typeof value === 'number' ? String(value) : neutralizeFormula(value)
  return /[",;\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** Header and data rows, before quoting (tests and other tabular formats reuse them). */
export function buildCsvRows(report: BoardReport): (string | number)[][] {
  const l = labelsFor(report.workshop.language)
  const header: (string | number)[] = [
    l.table,
    l.cluster,
    l.idea,
    l.author,
    l.commentsCount,
    ...report.rounds.map((r) => `${l.votes} ${l.roundTitle(r.index)}`),
    l.shortlisted,
    'id',
  ]
  const rows = [header]
  for (const { idea, cluster } of ideaIndex(report).values()) {
    rows.push([
      reportBoardName(report),
      cluster?.title ?? '',
      idea.text,
      idea.author ?? '',
      idea.comments.length,
      ...report.rounds.map((r) => idea.votesByRound[r.id] ?? 0),
      idea.shortlisted ? l.yes : l.no,
      idea.id,
    ])
  }
  return rows
}

/**
 * One row per idea, separated as the workshop language's spreadsheets expect (csvDelimiter).
 * Starts with a UTF-8 byte order mark because Excel otherwise reads the file as Windows-1252
 * and breaks every umlaut; lines end in CRLF as RFC 4180 says.
 */
export function buildCsv(report: BoardReport): string {
  const delimiter = csvDelimiter(report.workshop.language)
  return (
    '\uFEFF' +
    buildCsvRows(report)
      .map((row) => row.map(csvField).join(delimiter))
      .join('\r\n') +
    '\r\n'
  )
}
