import { DEFAULT_TEMPLATE, templateFromName, type BoardTemplate } from './templates.ts'

export interface TableDraft {
  title: string
  question: string
  template: BoardTemplate
  /** Optional participant limit of the table (4th column). */
  maxParticipants?: number
}

export interface CsvProblem {
  /** 1-based line of the CSV row (the first line of a quoted multi-line field). */
  line: number
  kind: 'missingTitle' | 'unknownTemplate' | 'badLimit'
  value?: string
}

export interface ParsedTables {
  tables: TableDraft[]
  problems: CsvProblem[]
}

const HEADER_TITLES = new Set(['title', 'titel', 'table', 'tisch', 'thementisch', 'name'])

/** Spreadsheets in German locales write `;`, others `,`: pick the one the first line uses. */
function detectSeparator(text: string): ',' | ';' {
  let commas = 0
  let semicolons = 0
  let quoted = false
  for (const char of text) {
    if (char === '"') quoted = !quoted
    else if (!quoted && char === '\n') break
    else if (!quoted && char === ',') commas++
    else if (!quoted && char === ';') semicolons++
  }
  return semicolons >= commas && semicolons > 0 ? ';' : ','
}

/** RFC 4180 rows: quoted fields may hold separators, line breaks and doubled quotes. */
export function parseCsvRows(text: string, separator: string): { line: number; cells: string[] }[] {
  const rows: { line: number; cells: string[] }[] = []
  let cells: string[] = []
  let cell = ''
  let quoted = false
  let line = 1
  let rowLine = 1
  const endRow = () => {
    cells.push(cell)
    rows.push({ line: rowLine, cells })
    cells = []
    cell = ''
  }
  for (let i = 0; i < text.length; i++) {
    const char = text[i]
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"'
        i++
      } else if (char === '"') quoted = false
      else {
        if (char === '\n') line++
        cell += char
      }
    } else if (char === '"' && cell.trim() === '') {
      cell = ''
      quoted = true
    } else if (char === separator) {
      cells.push(cell)
      cell = ''
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++
      endRow()
      line++
      rowLine = line
    } else cell += char
  }
  if (cell !== '' || cells.length > 0) endRow()
  return rows
}

/** A table limit as typed: empty is none; otherwise a whole number 1–1000. */
export function parseTableLimit(text: string): number | null | 'invalid' {
  const trimmed = text.trim()
  if (trimmed === '') return null
  const value = Number(trimmed)
  return Number.isInteger(value) && value >= 1 && value <= 1000 ? value : 'invalid'
}

/**
 * Reads a CSV of tables: `title;question;template;limit` per row (template and limit optional), `,` or `;` separated, header row
 * optional, quoted fields allowed. Blank rows are skipped; rows without a title and unknown
 * templates are reported (an unknown template falls back to the default) rather than dropped
 * silently, so the facilitator can fix the file.
 */
export function parseTablesCsv(input: string): ParsedTables {
  const text = input.replace(/^\uFEFF/, '')
  const rows = parseCsvRows(text, detectSeparator(text))
    .map((row) => ({ line: row.line, cells: row.cells.map((cell) => cell.trim()) }))
    .filter((row) => row.cells.some((cell) => cell !== ''))
  const first = rows[0]
  if (first && HEADER_TITLES.has((first.cells[0] ?? '').toLowerCase())) rows.shift()

  const tables: TableDraft[] = []
  const problems: CsvProblem[] = []
  for (const { line, cells } of rows) {
    const [title = '', question = '', templateName = '', limitText = ''] = cells
    if (title === '') {
      problems.push({ line, kind: 'missingTitle' })
      continue
    }
    let template = DEFAULT_TEMPLATE
    if (templateName !== '') {
      const known = templateFromName(templateName)
      if (known) template = known
      else problems.push({ line, kind: 'unknownTemplate', value: templateName })
    }
    const limit = parseTableLimit(limitText)
    if (limit === 'invalid') problems.push({ line, kind: 'badLimit', value: limitText })
    tables.push({ title, question, template, ...(typeof limit === 'number' ? { maxParticipants: limit } : {}) })
  }
  return { tables, problems }
}
