import type PDFDocument from 'pdfkit'
import { allIdeas, type BoardReport, ideaIndex } from '../BoardReport.ts'
import { formatDate, formatDateTime, labelsFor } from '../labels.ts'
import { participantsCell, showsShortlist, summaryTitle } from '../plenaryReport.ts'
import { detailsOf } from '../reportDetails.ts'
import {
  block,
  contentWidth,
  createPdf,
  decoratePages,
  eyebrow,
  finishPdf,
  group,
  heading,
  Ink,
  Page,
  rich,
  richHeight,
  table,
  tableStartHeight,
  Weight,
} from './pdfLayout.ts'

/**
 * The workshop summary for the ZIP (tagged, like every report): every table's shortlist on the
 * first pages (what the plenary decided), then one line per table with its figures.
 */
export function buildWorkshopSummaryPdf(reports: readonly BoardReport[], now = Date.now()): PDFDocument {
  const first = reports[0]
  const lang = first?.workshop.language ?? 'de'
  const zone = first ? detailsOf(first).timeZone : undefined
  const l = labelsFor(lang)
  const title = first?.workshop.title ?? ''
  const date = first ? formatDate(first.workshop.date ?? first.generatedAt, lang, zone) : formatDate(now, lang, zone)
  const doc = createPdf({ title: `${l.workshopSummaryTitle}: ${title}`, subject: title, language: lang })
  const root = doc.root
  eyebrow(doc, root, l.workshopSummaryTitle)
  block(doc, root, 'H1', () => rich(doc, title, { size: 22, weight: Weight.bold, color: Ink.accent }))
  block(doc, root, 'P', () =>
    rich(
      doc,
      `${l.date}: ${date}  ·  ${l.summaryBoards}: ${reports.length}  ·  ${l.generatedAt}: ${formatDateTime(now, lang, zone)}`,
      { size: 10, color: Ink.muted },
    ),
  )
  const shown = reports.filter(showsShortlist)
  const lineHeight = (text: string) => richHeight(doc, text, { size: 10.5, width: contentWidth() - 24 }) + 3
  const firstLine = (report: BoardReport) => {
    const text = ideaIndex(report).get(report.shortlist[0] ?? '')?.idea.text
    return text ? lineHeight(text) : 20
  }
  heading(doc, l.summaryShortlists, 1, {
    parent: root,
    destination: 'shortlists',
    outline: doc.outline,
    keepWith: shown[0] ? 30 + firstLine(shown[0]) : 20,
  })
  reports.forEach((report, k) => {
    if (!showsShortlist(report)) return
    heading(doc, summaryTitle(report), 2, {
      parent: root,
      destination: `board-${k + 1}`,
      keepWith: (report.board.question ? 16 : 0) + firstLine(report),
    })
    if (report.board.question) {
      block(doc, root, 'P', () =>
        rich(doc, report.board.question, { size: 9.5, weight: Weight.italic, color: Ink.muted }),
      )
    }
    doc.y += 3
    const ideas = ideaIndex(report)
    if (report.shortlist.length === 0) {
      block(doc, root, 'P', () => rich(doc, l.emptyShortlist, { size: 10, weight: Weight.italic }))
    } else {
      const list = group(doc, root, 'L')
      report.shortlist.forEach((id, i) => {
        const y = doc.y
        const item = group(doc, list, 'LI')
        block(doc, item, 'Lbl', () =>
          rich(doc, `${i + 1}.`, { size: 10.5, color: Ink.muted, x: Page.margin, y, width: 20, align: 'right' }),
        )
        block(doc, item, 'LBody', () =>
          rich(doc, ideas.get(id)?.idea.text ?? '', {
            size: 10.5,
            x: Page.margin + 24,
            y,
            width: contentWidth() - 24,
          }),
        )
        item.end()
        doc.y += 3
      })
      list.end()
    }
  })
  const w = contentWidth()
  const columns = [
    { title: l.table, width: w - 3 * 80 },
    { title: l.participants, width: 80, align: 'right' as const },
    { title: l.ideasCount, width: 80, align: 'right' as const },
    { title: l.rounds, width: 80, align: 'right' as const },
  ]
  const rows = reports.map((r) => [
    summaryTitle(r),
    participantsCell(r, l),
    String(allIdeas(r).length),
    String(r.rounds.length),
  ])
  heading(doc, l.summaryBoards, 1, {
    parent: root,
    destination: 'boards',
    outline: doc.outline,
    keepWith: tableStartHeight(doc, columns, rows[0]),
  })
  table(doc, root, columns, rows)
  decoratePages(doc, { left: title, right: date }, l.workshopSummaryTitle, l.page)
  finishPdf(doc)
  return doc
}
