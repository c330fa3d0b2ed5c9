import { tableName } from '@pinnwand/shared/tableName'
import type { BoardReport, ReportIdea } from './BoardReport.ts'
import type { ExportLanguage, Labels } from './labels.ts'

/**
 * What the record of the day says about the workshop's plenary (issue 14): it is named as the
 * plenary (not as one more Thementisch), its gathered ideas say which table they come from with
 * their rank and points there, and it is not given a participant count or an empty shortlist
 * that only reflect how the server wrote its cards.
 */

const words = {
  de: {
    plenary: 'Plenum',
    tableName: (number: number, title: string) => `Tisch ${number} · ${title}`,
    origin: (o: NonNullable<ReportIdea['origin']>) =>
      [
        `Tisch ${o.tableNumber}: ${o.table}`,
        ...(o.rank !== null ? [`Rang ${o.rank}`] : []),
        ...(o.votes !== null ? [o.votes === 1 ? '1 Punkt' : `${o.votes} Punkte`] : []),
      ].join(', '),
  },
  en: {
    plenary: 'Plenary',
    tableName: (number: number, title: string) => `Table ${number} · ${title}`,
    origin: (o: NonNullable<ReportIdea['origin']>) =>
      [
        `Table ${o.tableNumber}: ${o.table}`,
        ...(o.rank !== null ? [`rank ${o.rank}`] : []),
        ...(o.votes !== null ? [o.votes === 1 ? '1 vote' : `${o.votes} votes`] : []),
      ].join(', '),
  },
} as const

const wordsFor = (language: ExportLanguage) => (language === 'en' ? words.en : words.de)

export const isPlenaryReport = (report: BoardReport): boolean => report.board.kind === 'plenary'

/** "Thementisch" or "Plenum": the label of the board's row in the report's facts. */
export function boardKindLabel(report: BoardReport, l: Labels): string {
  return isPlenaryReport(report) ? wordsFor(report.workshop.language).plenary : l.table
}

/**
 * The participant count as a report prints it. On the plenary the gathered cards are written by
 * the server, so without a round or cards of its own nobody can be counted there: a dash.
 */
export function participantsCell(report: BoardReport, l: Labels): string {
  return isPlenaryReport(report) && report.participantsCount === 0 ? l.none : String(report.participantsCount)
}

/** The plenary has a shortlist section only when it made a shortlist of its own. */
export function showsShortlist(report: BoardReport): boolean {
  return !isPlenaryReport(report) || report.shortlist.length > 0
}

/** Who an idea is from, as its meta line starts: the author, or for a gathered idea its table, rank and points. */
export function ideaSource(idea: ReportIdea, report: BoardReport, l: Labels): string {
  if (idea.origin) return wordsFor(report.workshop.language).origin(idea.origin)
  return idea.author ?? l.anonymous
}

/**
 * The board as every report names it: "Tisch 3 · Mobilität" (issue 16), as on the board, the join
 * page and the join sheet; the plenary and titles that carry their own number keep their title.
 */
export function reportBoardName(report: BoardReport): string {
  return tableName(report.board.title, report.board.number, wordsFor(report.workshop.language).tableName)
}

/** A board's title in the workshop summary, marked when it is the plenary (unless its title says so). */
export function summaryTitle(report: BoardReport): string {
  const word = wordsFor(report.workshop.language).plenary
  if (!isPlenaryReport(report)) return reportBoardName(report)
  if (report.board.title.toLowerCase().includes(word.toLowerCase())) {
    return report.board.title
  }
  return `${report.board.title} (${word})`
}
