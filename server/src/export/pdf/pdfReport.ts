import type PDFDocument from 'pdfkit'
import { allIdeas, type BoardReport, ideaIndex, type ReportIdea, type ReportRound } from '../BoardReport.ts'
import { paletteFor } from '../drawing.ts'
import { formatDate, formatDateTime, type Labels, labelsFor, statusLabel, votesCell } from '../labels.ts'
import { pngDimensions } from '../logo.ts'
import { mergedNote } from '../mergedNote.ts'
import { boardKindLabel, ideaSource, participantsCell, reportBoardName, showsShortlist } from '../plenaryReport.ts'
import { detailRows, detailsOf } from '../reportDetails.ts'
import {
  artifact,
  block,
  type Column,
  contentWidth,
  createPdf,
  decoratePages,
  ensureSpace,
  eyebrow,
  finishPdf,
  group,
  heading,
  headingHeight,
  Ink,
  Page,
  rich,
  richHeight,
  rule,
  type Struct,
  table,
  tableStartHeight,
  Weight,
} from './pdfLayout.ts'
import { picturePages } from './pdfPicture.ts'

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
  /** The archive variant: PDF/A-2b (tagged as well). */
  archive?: boolean
}

/** The organiser's logo in the top right corner of the title page, at most 4 cm × 1.6 cm. */
function logo(doc: PDFDocument, parent: Struct, report: BoardReport, l: Labels): void {
  const png = detailsOf(report).logoPng
  const size = png ? pngDimensions(png) : null
  if (!png || !size) return
  const scale = Math.min(113 / size.width, 45 / size.height)
  const [w, h] = [size.width * scale, size.height * scale]
  const x = Page.width - Page.margin - w
  const y = 22
  block(doc, parent, 'Figure', () => doc.image(Buffer.from(png), x, y, { width: w, height: h }), {
    alt: l.logo,
    bbox: [x, y, x + w, y + h],
    placement: 'Block',
  })
}

function titlePage(doc: PDFDocument, parent: Struct, report: BoardReport, l: Labels): void {
  const lang = report.workshop.language
  const zone = detailsOf(report).timeZone
  logo(doc, parent, report, l)
  eyebrow(doc, parent, l.reportTitle)
  block(doc, parent, 'P', () => rich(doc, report.workshop.title, { size: 12, color: Ink.muted }))
  doc.y += 2
  block(doc, parent, 'H1', () =>
    rich(doc, reportBoardName(report), { size: 22, weight: Weight.bold, color: Ink.accent, lineGap: 2 }),
  )
  if (report.board.question) {
    doc.y += 6
    block(doc, parent, 'P', () =>
      rich(doc, `${l.question}: ${report.board.question}`, { size: 12, weight: Weight.italic, color: Ink.text }),
    )
  }
  doc.y += 12
  rule(doc, doc.y, Ink.accent)
  doc.y += 10
  const rows: [string, string][] = [
    [l.workshop, report.workshop.title],
    [l.date, formatDate(report.workshop.date ?? report.generatedAt, lang, zone)],
    [boardKindLabel(report, l), reportBoardName(report)],
    [l.facilitator, report.board.facilitator ?? l.none],
    ...detailRows(report, l),
    [l.participants, participantsCell(report, l)],
    [l.ideasCount, String(allIdeas(report).length)],
    [l.clusters, String(report.clusters.length)],
    [l.rounds, String(report.rounds.length)],
    [l.generatedAt, formatDateTime(report.generatedAt, lang, zone)],
  ]
  const facts = group(doc, parent, 'Table')
  for (const [label, value] of rows) {
    const y = doc.y
    const row = group(doc, facts, 'TR')
    block(doc, row, 'TH', () => rich(doc, label, { size: 9.5, color: Ink.muted, x: Page.margin, y, width: 130 }), {
      scope: 'Row',
    })
    block(doc, row, 'TD', () =>
      rich(doc, value, { size: 10.5, x: Page.margin + 140, y: y - 0.5, width: contentWidth() - 140 }),
    )
    row.end()
    doc.y = Math.max(doc.y, y + 15) + 3
  }
  facts.end()
  if (report.omittedItems > 0) {
    doc.y += 4
    block(doc, parent, 'P', () =>
      rich(doc, l.omittedItems(report.omittedItems), { size: 10, weight: Weight.italic, color: Ink.muted }),
    )
  }
  doc.y += 6
  rule(doc)
  doc.y += 12
}

/** An idea's first lines (text and its meta line): what must stay with a heading above it. */
function ideaStart(doc: PDFDocument, idea: ReportIdea): number {
  return Math.min(richHeight(doc, idea.text || '—', { size: 10.5, width: contentWidth() - 24 }) + 14, 120)
}

function ideaItem(
  doc: PDFDocument,
  list: Struct,
  idea: ReportIdea,
  number: number,
  report: BoardReport,
  l: Labels,
): void {
  const indent = 24
  const x = Page.margin + indent
  const width = contentWidth() - indent
  const meta = [ideaSource(idea, report, l)].filter(Boolean)
  for (const round of report.rounds) {
    const votes = idea.votesByRound[round.id]
    if (votes) meta.push(`${l.roundTitle(round.index)}: ${votes} ${l.votes}`)
  }
  if (idea.shortlisted) meta.push(l.shortlisted)
  const metaLine = meta.join('  ·  ')
  ensureSpace(doc, ideaStart(doc, idea))
  const y = doc.y
  const item = group(doc, list, 'LI')
  block(doc, item, 'Lbl', () =>
    rich(doc, `${number}.`, { size: 10.5, color: Ink.muted, x: Page.margin, y, width: indent - 4, align: 'right' }),
  )
  const body = group(doc, item, 'LBody')
  block(doc, body, 'P', () => {
    rich(doc, idea.text || l.none, { size: 10.5, x, y, width })
    if (metaLine) rich(doc, metaLine, { size: 8.5, color: Ink.muted, x, width })
    const merged = mergedNote(idea.mergedFrom, report.workshop.language)
    if (merged) rich(doc, merged, { size: 8.5, color: Ink.muted, x, width })
  })
  for (const comment of idea.comments) {
    ensureSpace(doc, 24)
    const cy = doc.y + 2
    const text = comment.author ? `${comment.author}: ${comment.text}` : comment.text
    block(doc, body, 'P', () =>
      rich(doc, text, { size: 9, weight: Weight.italic, color: Ink.text, x: x + 10, y: cy, width: width - 10 }),
    )
    const end = doc.y
    artifact(doc, () =>
      doc
        .save()
        .moveTo(x + 3, cy + 1)
        .lineTo(x + 3, end - 1)
        .lineWidth(1.5)
        .stroke(Ink.rule)
        .restore(),
    )
  }
  body.end()
  item.end()
  doc.y += 6
}

/** A numbered list of ideas (tagged L/LI/Lbl/LBody), numbers continuing from `start`. */
function ideaList(
  doc: PDFDocument,
  parent: Struct,
  ideas: readonly ReportIdea[],
  start: number,
  report: BoardReport,
  l: Labels,
): number {
  if (ideas.length === 0) return start
  const list = group(doc, parent, 'L')
  ideas.forEach((idea, i) => ideaItem(doc, list, idea, start + i + 1, report, l))
  list.end()
  return start + ideas.length
}

function note(doc: PDFDocument, parent: Struct, text: string): void {
  block(doc, parent, 'P', () => rich(doc, text, { size: 10, weight: Weight.italic }))
}

function roundColumns(round: ReportRound, l: Labels): Column[] {
  const w = contentWidth()
  // Wider when a cell also names the proxy votes ("5 (davon 2 stellvertretend)").
  const votesWidth = round.ranking.some((e) => e.proxyVotes) ? 150 : 60
  return [
    { title: l.rank, width: 44, align: 'right' },
    { title: l.idea, width: w - 44 - votesWidth },
    { title: l.votes, width: votesWidth, align: 'right' },
  ]
}

const roundRows = (round: ReportRound, l: Labels) =>
  round.ranking.map((e) => [`${e.rank}.`, e.text || l.removedIdea, votesCell(l, e)])

const roundTitle = (round: ReportRound, l: Labels) => `${l.roundTitle(round.index)} (${statusLabel(l, round.status)})`

/** Heading, facts line and table start of a round: what a heading above it keeps on its page. */
function roundStart(doc: PDFDocument, round: ReportRound, l: Labels): number {
  const rows = roundRows(round, l)
  return (
    headingHeight(doc, roundTitle(round, l), 2) +
    24 +
    (rows.length > 0 ? tableStartHeight(doc, roundColumns(round, l), rows[0]) : 20)
  )
}

function roundSection(doc: PDFDocument, parent: Struct, round: ReportRound, l: Labels, toc: TocEntry[]): void {
  const title = roundTitle(round, l)
  const destination = `round-${round.index}`
  const rows = roundRows(round, l)
  const keepWith = 24 + (rows.length > 0 ? tableStartHeight(doc, roundColumns(round, l), rows[0]) : 20)
  toc.push({ title, level: 2, destination, page: heading(doc, title, 2, { parent, destination, keepWith }) })
  const s = round.settings
  const facts = [
    `${l.dotsPerParticipant}: ${s.dotsPerParticipant}`,
    `${l.maxPerIdea}: ${s.maxPerIdea ?? l.unlimited}`,
    `${l.anonymousVoting}: ${s.anonymous ? l.yes : l.no}`,
    `${l.eligible}: ${s.eligibleIdeaIds ? l.eligibleSome(s.eligibleIdeaIds.length) : l.eligibleAll}`,
    `${l.voters}: ${round.voters}`,
    `${l.totalVotes}: ${round.totalVotes}`,
  ]
  block(doc, parent, 'P', () => rich(doc, facts.join('  ·  '), { size: 9, color: Ink.muted }))
  doc.y += 6
  if (round.ranking.length === 0) {
    note(doc, parent, l.noVotes)
    doc.y += 8
    return
  }
  table(doc, parent, roundColumns(round, l), rows)
}

/**
 * The result report (Ergebnisprotokoll) of one board as a tagged PDF document stream: title
 * page, table of contents for long reports, board picture, shortlist, clusters with ideas and
 * comments, voting rounds with rankings, ideas without cluster. Call `end()` (or pdfToBuffer)
 * to get the bytes.
 */
export function buildPdf(report: BoardReport, options: PdfOptions = {}): PDFDocument {
  const l = labelsFor(report.workshop.language)
  const doc = createPdf({
    title: `${l.reportTitle}: ${reportBoardName(report)}`,
    subject: report.workshop.title,
    language: report.workshop.language,
    archive: options.archive,
  })
  const root = doc.root
  const toc: TocEntry[] = []
  titlePage(doc, root, report, l)

  const ideas = allIdeas(report)
  const tocEntryCount = 5 + report.clusters.length + report.rounds.length
  const tocPages = ideas.length > TOC_THRESHOLD_IDEAS ? Math.ceil(tocEntryCount / TOC_ENTRIES_PER_PAGE) : 0
  const tocStart = doc.bufferedPageRange().count
  // Created here so the contents come in reading order; filled once page numbers are known.
  const tocElement = tocPages > 0 ? group(doc, root, 'TOC') : null
  for (let i = 0; i < tocPages; i++) doc.addPage()

  if (options.picture !== false) {
    picturePages(doc, root, report, l, (title, destination, page, level) =>
      toc.push({ title, level, destination, page }),
    )
  }

  const index = ideaIndex(report)
  const section = (title: string, destination: string, keepWith: number) =>
    toc.push({
      title,
      level: 1,
      destination,
      page: heading(doc, title, 1, { parent: root, destination, outline: doc.outline, keepWith }),
    })

  if (showsShortlist(report)) {
    const listed = report.shortlist.flatMap((id) => {
      const found = index.get(id)
      if (!found) return []
      const suffix = found.cluster ? `  (${found.cluster.title})` : ''
      return [{ ...found.idea, text: found.idea.text + suffix, comments: [] }]
    })
    section(l.shortlist, 'shortlist', listed[0] ? ideaStart(doc, listed[0]) : 20)
    if (listed.length === 0) note(doc, root, l.emptyShortlist)
    ideaList(doc, root, listed, 0, report, l)
  }

  const clusterTitle = (k: number) => report.clusters[k]!.title || `${l.cluster} ${k + 1}`
  const firstCluster = report.clusters[0]
  section(
    l.clusters,
    'clusters',
    firstCluster
      ? headingHeight(doc, clusterTitle(0), 2) + (firstCluster.ideas[0] ? ideaStart(doc, firstCluster.ideas[0]) : 20)
      : 20,
  )
  if (report.clusters.length === 0) block(doc, root, 'P', () => rich(doc, l.none, { size: 10 }))
  let number = 0
  report.clusters.forEach((cluster, k) => {
    const title = clusterTitle(k)
    const destination = `cluster-${k + 1}`
    const page = heading(doc, title, 2, {
      parent: root,
      destination,
      color: paletteFor(cluster.color).stroke,
      keepWith: cluster.ideas[0] ? ideaStart(doc, cluster.ideas[0]) : 20,
    })
    toc.push({ title, level: 2, destination, page })
    if (cluster.ideas.length === 0) note(doc, root, l.noIdeas)
    number = ideaList(doc, root, cluster.ideas, number, report, l)
  })

  section(l.rounds, 'rounds', report.rounds[0] ? roundStart(doc, report.rounds[0], l) : 20)
  if (report.rounds.length === 0) note(doc, root, l.noRounds)
  for (const round of report.rounds) roundSection(doc, root, round, l, toc)

  const firstLoose = report.unclusteredIdeas[0]
  section(l.unclustered, 'unclustered', firstLoose ? ideaStart(doc, firstLoose) : 20)
  if (report.unclusteredIdeas.length === 0) note(doc, root, l.noIdeas)
  ideaList(doc, root, report.unclusteredIdeas, number, report, l)

  if (tocElement) writeToc(doc, tocElement, toc, tocStart, tocPages, l)
  const lang = report.workshop.language
  decoratePages(
    doc,
    {
      left: `${report.workshop.title} · ${reportBoardName(report)}`,
      right: formatDate(report.workshop.date ?? report.generatedAt, lang, detailsOf(report).timeZone),
    },
    `${l.reportTitle} · ${reportBoardName(report)}`,
    l.page,
  )
  finishPdf(doc)
  return doc
}

function writeToc(
  doc: PDFDocument,
  parent: Struct,
  toc: readonly TocEntry[],
  start: number,
  pages: number,
  l: Labels,
): void {
  doc.switchToPage(start)
  doc.y = Page.top
  block(doc, parent, 'P', () => rich(doc, l.contents, { size: 16, weight: Weight.bold, color: Ink.accent }))
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
    const item = group(doc, parent, 'TOCI')
    block(doc, item, 'P', () =>
      rich(doc, entry.title, {
        size,
        weight: entry.level === 1 ? Weight.bold : Weight.regular,
        x,
        y,
        width: contentWidth() - 60 - (x - Page.margin),
      }),
    )
    const below = doc.y
    block(doc, item, 'Link', () => {
      doc.fillColor(Ink.text).font('regular').fontSize(size)
      doc.text(String(entry.page + 1), Page.margin, y, {
        width: contentWidth(),
        align: 'right',
        goTo: entry.destination,
      })
    })
    item.end()
    doc.y = Math.max(below, y + size + 6)
  })
  parent.end()
}
