import type PDFDocument from 'pdfkit'
import { allIdeas, type BoardReport, ideaIndex } from '../BoardReport.ts'
import { formatDate, formatDateTime, labelsFor } from '../labels.ts'
import {
  contentWidth,
  createPdf,
  decoratePages,
  eyebrow,
  heading,
  Ink,
  Page,
  rich,
  table,
  Weight,
} from './pdfLayout.ts'
import { participantsCell, showsShortlist, summaryTitle } from '../plenaryReport.ts'

/**
 * The workshop summary for the ZIP: every table's shortlist on the first pages (what the
 * plenary decided), then one line per table with its figures.
 */
export function buildWorkshopSummaryPdf(reports: readonly BoardReport[], now = Date.now()): PDFDocument {
  const first = reports[0]
  const lang = first?.workshop.language ?? 'de'
  const l = labelsFor(lang)
  const title = first?.workshop.title ?? ''
  const date = first ? formatDate(first.workshop.date ?? first.generatedAt, lang) : formatDate(now, lang)
  const doc = createPdf({ title: `${l.workshopSummaryTitle}: ${title}`, subject: title, language: lang })
  eyebrow(doc, l.workshopSummaryTitle)
  rich(doc, title, { size: 22, weight: Weight.bold, color: Ink.accent })
  rich(
    doc,
    `${l.date}: ${date}  ·  ${l.summaryBoards}: ${reports.length}  ·  ${l.generatedAt}: ${formatDateTime(now, lang)}`,
    {
      size: 10,
      color: Ink.muted,
    },
  )
  heading(doc, l.summaryShortlists, 1, 'shortlists', doc.outline)
  reports.forEach((report, k) => {
    if (!showsShortlist(report)) return
    heading(doc, summaryTitle(report), 2, `board-${k + 1}`, null)
    if (report.board.question) rich(doc, report.board.question, { size: 9.5, weight: Weight.italic, color: Ink.muted })
    doc.y += 3
    const ideas = ideaIndex(report)
    if (report.shortlist.length === 0) rich(doc, l.emptyShortlist, { size: 10, weight: Weight.italic })
    report.shortlist.forEach((id, i) => {
      const y = doc.y
      rich(doc, `${i + 1}.`, { size: 10.5, color: Ink.muted, x: Page.margin, y, width: 20, align: 'right' })
      rich(doc, ideas.get(id)?.idea.text ?? '', { size: 10.5, x: Page.margin + 24, y, width: contentWidth() - 24 })
      doc.y += 3
    })
  })
  heading(doc, l.summaryBoards, 1, 'boards', doc.outline)
  const w = contentWidth()
  table(
    doc,
    [
      { title: l.table, width: w - 3 * 80 },
      { title: l.participants, width: 80, align: 'right' },
      { title: l.ideasCount, width: 80, align: 'right' },
      { title: l.rounds, width: 80, align: 'right' },
    ],
    reports.map((r) => [summaryTitle(r), participantsCell(r, l), String(allIdeas(r).length), String(r.rounds.length)]),
  )
  decoratePages(doc, { left: title, right: date }, l.workshopSummaryTitle, l.page)
  return doc
}
