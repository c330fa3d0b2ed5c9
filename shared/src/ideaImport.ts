import { z } from 'zod'
import { Limits } from './limits.ts'

/**
 * Idea import (issue 4): a list of ideas collected before the event, pasted or uploaded, goes
 * straight onto the board. Accepted input:
 * - one idea per line (blank lines skipped; list bullets like "- " or "• " dropped), or
 * - CSV with the columns text and cluster: header optional, separated by `,`, `;` (German
 *   Excel) or tab, RFC 4180 quoting (separators, doubled quotes and line breaks inside quotes).
 * A byte order mark and Windows/old-Mac line ends are accepted. Pure: the web app uses it for its
 * preview and the server for the import itself, so the preview is exactly what gets created.
 */

/** More ideas than this in one import are refused as a whole (one board, one table). */
export const IDEA_IMPORT_MAX_IDEAS = 500

export const IdeaImportFormat = { auto: 'auto', lines: 'lines', csv: 'csv' } as const
export type IdeaImportFormat = (typeof IdeaImportFormat)[keyof typeof IdeaImportFormat]

export type CsvSeparator = ',' | ';' | '\t'

/** One idea to create. `line` is where it starts in the input (1-based), for messages. */
export interface ImportedIdea {
  text: string
  /** Cluster name; null for ideas outside any cluster. */
  cluster: string | null
  line: number
}

export const ImportProblemCode = {
  textTooLong: 'text_too_long',
  clusterTooLong: 'cluster_too_long',
  emptyText: 'empty_text',
  unclosedQuote: 'unclosed_quote',
} as const
export type ImportProblemCode = (typeof ImportProblemCode)[keyof typeof ImportProblemCode]

/** A row that is not imported (or, for an unclosed quote, imported as read), and why. */
export const ImportProblem = z.object({ line: z.int(), code: z.enum(ImportProblemCode), message: z.string() })
export type ImportProblem = z.infer<typeof ImportProblem>

export const IdeaImportErrorCode = {
  tooManyIdeas: 'too_many_ideas',
  nothingToImport: 'nothing_to_import',
} as const

export type IdeaImportParse =
  | {
      ok: true
      format: 'lines' | 'csv'
      /** The CSV separator found (null for one idea per line). */
      separator: CsvSeparator | null
      /** Whether the first row was a header (and was skipped). */
      header: boolean
      ideas: ImportedIdea[]
      problems: ImportProblem[]
    }
  | { ok: false; code: typeof IdeaImportErrorCode.tooManyIdeas; message: string; count: number; limit: number }

/** Header cells (lower case) that name the text and the cluster column, in German and English. */
const TEXT_HEADERS = new Set([
  'text',
  'idea',
  'ideas',
  'idee',
  'ideen',
  'idea text',
  'ideentext',
  'karte',
  'card',
  'inhalt',
  'beitrag',
  'titel',
  'title',
])
const CLUSTER_HEADERS = new Set([
  'cluster',
  'themengruppe',
  'gruppe',
  'group',
  'kategorie',
  'category',
  'thema',
  'topic',
  'theme',
])
const SEPARATORS: readonly CsvSeparator[] = [';', '\t', ',']
const BULLET = /^(?:[-*•–·▪◦]|\u2022)\s+/

interface CsvRecord {
  fields: string[]
  line: number
  unclosedQuote: boolean
}

/** Same spelling, case and spacing aside: how cluster names are matched to existing clusters. */
export function clusterKey(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase()
}

function normalizeLineEnds(input: string): string {
  return input.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n')
}

/** RFC 4180 records (quoted fields may hold separators, `""` and line breaks). */
export function parseCsvRecords(text: string, separator: CsvSeparator): CsvRecord[] {
  const records: CsvRecord[] = []
  let fields: string[] = []
  let field = ''
  let line = 1
  let recordLine = 1
  let unclosedQuote = false
  let i = 0
  const endField = () => {
    fields.push(field)
    field = ''
  }
  const endRecord = () => {
    endField()
    records.push({ fields, line: recordLine, unclosedQuote })
    fields = []
    unclosedQuote = false
  }
  while (i < text.length) {
    // A field is quoted when its first non-blank character is a quote.
    let start = i
    while (start < text.length && text[start] === ' ') start++
    if (text[start] === '"') {
      i = start + 1
      let closed = false
      while (i < text.length) {
        const c = text[i]!
        if (c === '"') {
          if (text[i + 1] === '"') {
            field += '"'
            i += 2
            continue
          }
          closed = true
          i++
          break
        }
        if (c === '\n') line++
        field += c
        i++
      }
      if (!closed) unclosedQuote = true
      // Lenient: anything between the closing quote and the next separator is kept as text.
      while (i < text.length && text[i] !== separator && text[i] !== '\n') field += text[i++]
    } else {
      while (i < text.length && text[i] !== separator && text[i] !== '\n') field += text[i++]
    }
    if (i >= text.length) break
    if (text[i] === separator) {
      endField()
      i++
      // A separator at the very end still opens an (empty) last field.
      if (i >= text.length) break
      continue
    }
    // Line break: the record ends.
    endRecord()
    i++
    line++
    recordLine = line
  }
  if (field !== '' || fields.length > 0 || unclosedQuote) endRecord()
  return records
}

const isBlankRecord = (record: CsvRecord) => record.fields.every((f) => f.trim() === '')

interface Columns {
  text: number
  /** -1: no cluster column. */
  cluster: number
  /**
   * A one-column file: the whole row is the idea, separators included (a lone header says
   * nothing about the separator, and an idea may well contain a semicolon).
   */
  wholeRow: boolean
}

function headerColumns(record: CsvRecord | undefined): Columns | null {
  if (!record) return null
  const cells = record.fields.map((f) => f.trim().toLowerCase())
  const text = cells.findIndex((c) => TEXT_HEADERS.has(c))
  if (text < 0) return null
  const cluster = cells.findIndex((c, i) => i !== text && CLUSTER_HEADERS.has(c))
  return { text, cluster, wholeRow: cells.filter((c) => c !== '').length === 1 }
}

/** The separator that occurs most often outside quotes in the first non-blank line; `,` if none. */
function likelySeparator(text: string): CsvSeparator {
  const first = text.split('\n').find((l) => l.trim() !== '') ?? ''
  const unquoted = first.replace(/"(?:[^"]|"")*"/g, '')
  let best: CsvSeparator = ','
  let bestCount = 0
  for (const separator of SEPARATORS) {
    const count = unquoted.split(separator).length - 1
    if (count > bestCount) {
      best = separator
      bestCount = count
    }
  }
  return best
}

type Layout =
  | { format: 'lines' }
  | { format: 'csv'; separator: CsvSeparator; records: CsvRecord[]; columns: Columns; header: boolean }

function detectLayout(text: string, format: IdeaImportFormat): Layout {
  if (format === IdeaImportFormat.lines) return { format: 'lines' }
  // A header row is the surest sign, whatever the separator.
  for (const separator of SEPARATORS) {
    const records = parseCsvRecords(text, separator)
    const columns = headerColumns(records.find((r) => !isBlankRecord(r)))
    if (columns) {
      return { format: 'csv', separator, records, columns, header: true }
    }
  }
  const noHeader: Columns = { text: 0, cluster: 1, wholeRow: false }
  if (format === IdeaImportFormat.csv) {
    const separator = likelySeparator(text)
    return { format: 'csv', separator, records: parseCsvRecords(text, separator), columns: noHeader, header: false }
  }
  // Without a header: `;` or tab in every row means CSV (ordinary sentences rarely have them);
  // commas are too common in ideas, so comma CSV needs a header (or the explicit csv format).
  for (const separator of [';', '\t'] as const) {
    const records = parseCsvRecords(text, separator).filter((r) => !isBlankRecord(r))
    if (records.length > 0 && records.every((r) => r.fields.length >= 2)) {
      return { format: 'csv', separator, records: parseCsvRecords(text, separator), columns: noHeader, header: false }
    }
  }
  const firstLine = text.split('\n').find((l) => l.trim() !== '') ?? ''
  if (firstLine.trimStart().startsWith('"')) {
    const separator = likelySeparator(text)
    return { format: 'csv', separator, records: parseCsvRecords(text, separator), columns: noHeader, header: false }
  }
  return { format: 'lines' }
}

function tooMany(count: number): IdeaImportParse {
  return {
    ok: false,
    code: IdeaImportErrorCode.tooManyIdeas,
    message: `${count} ideas are more than one import may hold (at most ${IDEA_IMPORT_MAX_IDEAS}). Split the list and import it in parts.`,
    count,
    limit: IDEA_IMPORT_MAX_IDEAS,
  }
}

/**
 * Checks one row against the limits: an idea to create, or the problem that keeps it out.
 * Text and cluster name are trimmed; the text keeps its inner line breaks.
 */
export function checkImportRow(
  row: { text: string; cluster?: string | null | undefined },
  line: number,
): { idea: ImportedIdea } | { problem: ImportProblem } {
  const text = row.text.trim()
  const cluster = row.cluster?.trim() || null
  if (text === '') {
    return { problem: { line, code: ImportProblemCode.emptyText, message: `Line ${line}: the idea text is empty.` } }
  }
  if (text.length > Limits.ideaTextMax) {
    return {
      problem: {
        line,
        code: ImportProblemCode.textTooLong,
        message: `Line ${line}: the idea is ${text.length} characters long; at most ${Limits.ideaTextMax} fit on a card.`,
      },
    }
  }
  if (cluster !== null && cluster.length > Limits.titleMax) {
    return {
      problem: {
        line,
        code: ImportProblemCode.clusterTooLong,
        message: `Line ${line}: the cluster name is ${cluster.length} characters long; at most ${Limits.titleMax} are allowed.`,
      },
    }
  }
  return { idea: { text, cluster, line } }
}

function collect(rows: { text: string; cluster?: string | null; line: number }[]): {
  ideas: ImportedIdea[]
  problems: ImportProblem[]
} {
  const ideas: ImportedIdea[] = []
  const problems: ImportProblem[] = []
  for (const row of rows) {
    const checked = checkImportRow(row, row.line)
    if ('idea' in checked) ideas.push(checked.idea)
    else problems.push(checked.problem)
  }
  return { ideas, problems }
}

/**
 * Reads pasted or uploaded text into ideas. Blank and whitespace-only rows are skipped; rows
 * over a limit are reported with their line number and left out; more than
 * IDEA_IMPORT_MAX_IDEAS rows refuse the whole import (nothing half-imported).
 */
export function parseIdeaImport(input: string, format: IdeaImportFormat = IdeaImportFormat.auto): IdeaImportParse {
  const text = normalizeLineEnds(input)
  const layout = detectLayout(text, format)
  if (layout.format === 'lines') {
    const rows = text
      .split('\n')
      .map((raw, i) => ({ text: raw.trim().replace(BULLET, ''), line: i + 1 }))
      .filter((row) => row.text.trim() !== '')
    if (rows.length > IDEA_IMPORT_MAX_IDEAS) return tooMany(rows.length)
    return { ok: true, format: 'lines', separator: null, header: false, ...collect(rows) }
  }
  const records = layout.records.filter((r) => !isBlankRecord(r))
  const body = layout.header ? records.slice(1) : records
  if (body.length > IDEA_IMPORT_MAX_IDEAS) return tooMany(body.length)
  const { columns } = layout
  const rows = body.map((record) => ({
    text: columns.wholeRow ? record.fields.join(layout.separator) : (record.fields[columns.text] ?? ''),
    cluster: columns.cluster >= 0 ? (record.fields[columns.cluster] ?? null) : null,
    line: record.line,
  }))
  const result = collect(rows)
  for (const record of body) {
    if (record.unclosedQuote) {
      result.problems.push({
        line: record.line,
        code: ImportProblemCode.unclosedQuote,
        message: `Line ${record.line}: a quote is opened but never closed; everything after it was read as one idea.`,
      })
    }
  }
  result.problems.sort((a, b) => a.line - b.line)
  return { ok: true, format: 'csv', separator: layout.separator, header: layout.header, ...result }
}

/** The structured form of the import (`{ ideas: [...] }`), checked with the same rules. */
export function checkImportRows(rows: readonly { text: string; cluster?: string | null }[]): IdeaImportParse {
  if (rows.length > IDEA_IMPORT_MAX_IDEAS) return tooMany(rows.length)
  const nonBlank = rows
    .map((row, i) => ({ ...row, line: i + 1 }))
    .filter((row) => row.text.trim() !== '' || (row.cluster ?? '').trim() !== '')
  return { ok: true, format: 'csv', separator: null, header: false, ...collect(nonBlank) }
}

/** Roughly the largest text 500 maximal ideas with cluster names make; the body limit applies anyway. */
const IMPORT_TEXT_MAX = IDEA_IMPORT_MAX_IDEAS * (Limits.ideaTextMax + Limits.titleMax + 8)

/** `POST /api/boards/:boardId/ideas/import`: pasted text, or ideas already split. */
export const IdeaImportBody = z.union([
  z
    .object({
      text: z.string().max(IMPORT_TEXT_MAX),
      format: z.enum(['auto', 'lines', 'csv']).optional(),
    })
    .strict(),
  z
    .object({
      ideas: z
        .array(
          z
            .object({
              // Over-long texts are reported per row (with its number), not as a 400 for all.
              text: z.string().max(Limits.ideaTextMax * 4),
              cluster: z
                .string()
                .max(Limits.titleMax * 4)
                .nullable()
                .optional(),
            })
            .strict(),
        )
        // Longer lists get the clear "too many ideas" answer, not a schema error.
        .max(IDEA_IMPORT_MAX_IDEAS * 4),
    })
    .strict(),
])
export type IdeaImportBody = z.infer<typeof IdeaImportBody>

export const IdeaImportResponse = z.object({
  /** Number of idea cards created. */
  created: z.int(),
  ideaIds: z.array(z.string()),
  /** The clusters the ideas went into; `created` when the import made it. */
  clusters: z.array(z.object({ id: z.string(), title: z.string(), created: z.boolean() })),
  /** Rows that were left out (or read leniently), with their line numbers. */
  problems: z.array(ImportProblem),
})
export type IdeaImportResponse = z.infer<typeof IdeaImportResponse>
