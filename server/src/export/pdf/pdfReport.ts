import type PDFDocument from 'pdfkit'
import { allIdeas, type BoardReport, ideaIndex, type ReportIdea, type ReportRound } from '../BoardReport.ts'
import { paletteFor } from '../drawing.ts'
import { formatDate, formatDateTime, type Labels, labelsFor, statusLabel, votesCell } from '../labels.ts'
import { mergedNote } from '../mergedNote.ts'
import { buildPng } from '../png.ts'
import {
  contentWidth,
  createPdf,
  decoratePages,
  ensureSpace,
  eyebrow,
  heading,
  Ink,
  Page,
  rich,
  richHeight,
  rule,
  table,
  Weight,
} from './pdfLayout.ts'
import { boardKindLabel, ideaSource, participantsCell, showsShortlist } from '../plenaryReport.ts'

/** Above this many ideas the report gets a table of contents after the title page. */
const TOC_THRESHOLD_IDEAS = 30
const TOC_ENTRIES_PER_PAGE = 34

interface TocEntry {
  title: string
  level: 1 | 2
  destination: string
  page: number
}

export interface PdfOptions {
  /** The board picture costs most of the time on big boards; tests of text may skip it. */
  picture?: boolean
}

function titlePage(doc: PDFDocument, report: BoardReport, l: Labels): void {
  const lang = report.workshop.language
  eyebrow(doc, l.reportTitle)
  rich(doc, report.workshop.title, { size: 12, color: Ink.muted })
  doc.y += 2
  rich(doc, report.board.title, { size: 22, weight: Weight.bold, color: Ink.accent, lineGap: 2 })
  if (report.board.question) {
    doc.y += 6
    rich(doc, `${l.question}: ${report.board.question}`, { size: 12, weight: Weight.italic, color: Ink.text })
  }
  doc.y += 12
  rule(doc, doc.y, Ink.accent)
  doc.y += 10
  const rows: [string, string][] = [
    [l.workshop, report.workshop.title],
    [l.date, formatDate(report.workshop.date ?? report.generatedAt, lang)],
    [boardKindLabel(report, l), report.board.title],
    [l.facilitator, report.board.facilitator ?? l.none],
    [l.participants, participantsCell(report, l)],
    [l.ideasCount, String(allIdeas(report).length)],
    [l.clusters, String(report.clusters.length)],
    [l.rounds, String(report.rounds.length)],
    [l.generatedAt, formatDateTime(report.generatedAt, lang)],
  ]
  for (const [label, value] of rows) {
    const y = doc.y
    rich(doc, label, { size: 9.5, color: Ink.muted, x: Page.margin, y, width: 130 })
    rich(doc, value, { size: 10.5, x: Page.margin + 140, y: y - 0.5, width: contentWidth() - 140 })
    doc.y = Math.max(doc.y, y + 15) + 3
  }
  if (report.omittedItems > 0) {
    doc.y += 4
    rich(doc, l.omittedItems(report.omittedItems), { size: 10, weight: Weight.italic, color: Ink.muted })
  }
  doc.y += 6
  rule(doc)
  doc.y += 12
}

function picture(doc: PDFDocument, report: BoardReport, l: Labels, toc: TocEntry[]): void {
  if (report.drawing.items.length === 0) return
  const png = buildPng(report, 2400)
  const room = Page.height - Page.bottom - doc.y - 30
  if (room < 260) doc.addPage()
  toc.push({
    title: l.boardPicture,
    level: 1,
    destination: 'picture',
    page: heading(doc, l.boardPicture, 1, 'picture', doc.outline),
  })
  const height = Page.height - Page.bottom - doc.y - 8
  const { w, h } = report.drawing.bounds
  const scale = Math.min(contentWidth() / w, height / h)
  const y = doc.y
  doc.image(png, Page.margin + (contentWidth() - w * scale) / 2, y, { width: w * scale, height: h * scale })
  doc
    .save()
    .rect(Page.margin + (contentWidth() - w * scale) / 2, y, w * scale, h * scale)
    .lineWidth(0.5)
    .stroke(Ink.rule)
    .restore()
  doc.y = y + h * scale + 8
}

function ideaItem(doc: PDFDocument, idea: ReportIdea, number: number, report: BoardReport, l: Labels): void {
  const indent = 24
  const x = Page.margin + indent
  const width = contentWidth() - indent
  const meta = [ideaSource(idea, report, l)]
  for (const round of report.rounds) {
    const votes = idea.votesByRound[round.id]
    if (votes) meta.push(`${l.roundTitle(round.index)}: ${votes} ${l.votes}`)
  }
  if (idea.shortlisted) meta.push(l.shortlisted)
  const metaLine = meta.join('  ·  ')
  const height = richHeight(doc, idea.text, { size: 10.5, width }) + 14
  ensureSpace(doc, Math.min(height, 120))
  const y = doc.y
  rich(doc, `${number}.`, { size: 10.5, color: Ink.muted, x: Page.margin, y, width: indent - 4, align: 'right' })
  rich(doc, idea.text || l.none, { size: 10.5, x, y, width })
  rich(doc, metaLine, { size: 8.5, color: Ink.muted, x, width })
  const merged = mergedNote(idea.mergedFrom, report.workshop.language)
  if (merged) rich(doc, merged, { size: 8.5, color: Ink.muted, x, width })
  for (const comment of idea.comments) {
    ensureSpace(doc, 24)
    const cy = doc.y + 2
    const text = comment.author ? `${comment.author}: ${comment.text}` : comment.text
    rich(doc, text, { size: 9, weight: Weight.italic, color: Ink.text, x: x + 10, y: cy, width: width - 10 })
    doc
      .save()
      .moveTo(x + 3, cy + 1)
      .lineTo(x + 3, doc.y - 1)
      .lineWidth(1.5)
      .stroke(Ink.rule)
      .restore()
  }
  doc.y += 6
}

function roundSection(doc: PDFDocument, round: ReportRound, l: Labels, toc: TocEntry[]): void {
  const title = `${l.roundTitle(round.index)} (${statusLabel(l, round.status)})`
  toc.push({
    title,
    level: 2,
    destination: `round-${round.index}`,
    page: heading(doc, title, 2, `round-${round.index}`, null),
  })
  const s = round.settings
  const facts = [
    `${l.dotsPerParticipant}: ${s.dotsPerParticipant}`,
    `${l.maxPerIdea}: ${s.maxPerIdea ?? l.unlimited}`,
    `${l.anonymousVoting}: ${s.anonymous ? l.yes : l.no}`,
    `${l.eligible}: ${s.eligibleIdeaIds ? l.eligibleSome(s.eligibleIdeaIds.length) : l.eligibleAll}`,
    `${l.voters}: ${round.voters}`,
    `${l.totalVotes}: ${round.totalVotes}`,
  ]
  rich(doc, facts.join('  ·  '), { size: 9, color: Ink.muted })
  doc.y += 6
  if (round.ranking.length === 0) {
    rich(doc, l.noVotes, { size: 10, weight: Weight.italic })
    doc.y += 8
    return
  }
  const w = contentWidth()
  // Wider when a cell also names the proxy votes ("5 (davon 2 stellvertretend)").
  const votesWidth = round.ranking.some((e) => e.proxyVotes) ? 150 : 60
  table(
    doc,
    [
      { title: l.rank, width: 44, align: 'right' },
      { title: l.idea, width: w - 44 - votesWidth },
      { title: l.votes, width: votesWidth, align: 'right' },
    ],
    round.ranking.map((e) => [`${e.rank}.`, e.text || l.removedIdea, votesCell(l, e)]),
  )
}

/**
 * The result report (Ergebnisprotokoll) of one board as a PDF document stream: title page,
 * table of contents for long reports, board picture, clusters with ideas and comments,
 * voting rounds with rankings, shortlist, ideas without cluster. Call `end()` (or
 * pdfToBuffer) to get the bytes.
 */
export function buildPdf(report: BoardReport, options: PdfOptions = {}): PDFDocument {
  const l = labelsFor(report.workshop.language)
  const doc = createPdf({
    title: `${l.reportTitle}: ${report.board.title}`,
    subject: report.workshop.title,
    language: report.workshop.language,
  })
  const toc: TocEntry[] = []
  titlePage(doc, report, l)

  const ideas = allIdeas(report)
  const tocEntryCount = 5 + report.clusters.length + report.rounds.length
  const tocPages = ideas.length > TOC_THRESHOLD_IDEAS ? Math.ceil(tocEntryCount / TOC_ENTRIES_PER_PAGE) : 0
  const tocStart = doc.bufferedPageRange().count
  for (let i = 0; i < tocPages; i++) doc.addPage()

  if (options.picture !== false) picture(doc, report, l, toc)

  const index = ideaIndex(report)
  const section = (title: string, destination: string) =>
    toc.push({ title, level: 1, destination, page: heading(doc, title, 1, destination, doc.outline) })

  if (showsShortlist(report)) section(l.shortlist, 'shortlist')
  if (report.shortlist.length === 0 && showsShortlist(report))
    rich(doc, l.emptyShortlist, { size: 10, weight: Weight.italic })
  report.shortlist.forEach((id, i) => {
    const found = index.get(id)
    if (!found) return
    const suffix = found.cluster ? `  (${found.cluster.title})` : ''
    ideaItem(doc, { ...found.idea, text: found.idea.text + suffix, comments: [] }, i + 1, report, l)
  })

  section(l.clusters, 'clusters')
  if (report.clusters.length === 0) rich(doc, l.none, { size: 10 })
  let number = 0
  report.clusters.forEach((cluster, k) => {
    const title = cluster.title || `${l.cluster} ${k + 1}`
    const destination = `cluster-${k + 1}`
    const page = heading(doc, title, 2, destination, null, paletteFor(cluster.color).stroke)
    toc.push({ title, level: 2, destination, page })
    if (cluster.ideas.length === 0) rich(doc, l.noIdeas, { size: 10, weight: Weight.italic })
    for (const idea of cluster.ideas) ideaItem(doc, idea, ++number, report, l)
  })

  section(l.rounds, 'rounds')
  if (report.rounds.length === 0) rich(doc, l.noRounds, { size: 10, weight: Weight.italic })
  for (const round of report.rounds) roundSection(doc, round, l, toc)

  section(l.unclustered, 'unclustered')
  if (report.unclusteredIdeas.length === 0) rich(doc, l.noIdeas, { size: 10, weight: Weight.italic })
  for (const idea of report.unclusteredIdeas) ideaItem(doc, idea, ++number, report, l)

  if (tocPages > 0) writeToc(doc, toc, tocStart, tocPages, l)
  const lang = report.workshop.language
  decoratePages(
    doc,
    {
      left: `${report.workshop.title} · ${report.board.title}`,
      right: formatDate(report.workshop.date ?? report.generatedAt, lang),
    },
    `${l.reportTitle} · ${report.board.title}`,
    l.page,
  )
  return doc
}

function writeToc(doc: PDFDocument, toc: readonly TocEntry[], start: number, pages: number, l: Labels): void {
  doc.switchToPage(start)
  doc.y = Page.top
  rich(doc, l.contents, { size: 16, weight: Weight.bold, color: Ink.accent })
  rule(doc, doc.y + 2, Ink.accent)
  doc.y += 12
  toc.slice(0, pages * TOC_ENTRIES_PER_PAGE).forEach((entry, i) => {
    if (i > 0 && i % TOC_ENTRIES_PER_PAGE === 0) {
      doc.switchToPage(start + i / TOC_ENTRIES_PER_PAGE)
      doc.y = Page.top
    }
    const x = Page.margin + (entry.level === 2 ? 16 : 0)
    const y = doc.y
    const size = entry.level === 1 ? 10.5 : 9.5
    rich(doc, entry.title, {
      size,
      weight: entry.level === 1 ? Weight.bold : Weight.regular,
      x,
      y,
      width: contentWidth() - 60 - (x - Page.margin),
    })
    doc.fillColor(Ink.text).font('regular').fontSize(size)
    doc.text(String(entry.page + 1), Page.margin, y, { width: contentWidth(), align: 'right', goTo: entry.destination })
    doc.y = Math.max(doc.y, y + size + 6)
  })
}
