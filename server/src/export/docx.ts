import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableOfContents,
  TableRow,
  TextRun,
  WidthType,
} from 'docx'
import { allIdeas, type BoardReport, ideaIndex, type ReportIdea, type ReportRound } from './BoardReport.ts'
import { formatDate, formatDateTime, type Labels, labelsFor, statusLabel, votesCell } from './labels.ts'
import { mergedNote } from './mergedNote.ts'
import { buildPng } from './png.ts'
import { pngDimensions } from './logo.ts'
import { detailRows, detailsOf } from './reportDetails.ts'
import { boardKindLabel, ideaSource, participantsCell, reportBoardName, showsShortlist } from './plenaryReport.ts'

/** XML 1.0 cannot hold control characters or lone surrogates; Word refuses such a file. */
export function cleanText(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex -- control characters are what this removes
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
      .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
  )
}

const MUTED = '5F6B76'
const ACCENT = '1D3557'
const FONT = 'Noto Sans'

/** Text runs with explicit line breaks: a multi-line idea stays multi-line in Word. */
/** Text whose first strong character is Arabic or Hebrew: Word must lay it out right to left. */
export function isRightToLeft(text: string): boolean {
  const strong = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}]|[\p{L}]/u.exec(text)
  return strong !== null && /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}]/u.test(strong[0])
}

function runs(
  text: string,
  style: { bold?: boolean; italics?: boolean; color?: string; size?: number } = {},
): TextRun[] {
  const rightToLeft = isRightToLeft(text) || undefined
  return cleanText(text)
    .split(/\r?\n/)
    .map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : 0, rightToLeft, ...style }))
}

function ideaParagraphs(idea: ReportIdea, report: BoardReport, l: Labels): Paragraph[] {
  const meta = [ideaSource(idea, report, l)]
  for (const round of report.rounds) {
    const votes = idea.votesByRound[round.id]
    if (votes) meta.push(`${l.roundTitle(round.index)}: ${votes} ${l.votes}`)
  }
  if (idea.shortlisted) meta.push(l.shortlisted)
  return [
    new Paragraph({
      numbering: { reference: 'ideas', level: 0 },
      // Arabic and Hebrew ideas are right-to-left paragraphs (w:bidi), so Word orders them right.
      bidirectional: isRightToLeft(idea.text) || undefined,
      children: [
        ...runs(idea.text || l.none),
        new TextRun({ text: meta.join(' · '), break: 1, color: MUTED, size: 17 }),
        ...(idea.mergedFrom?.length
          ? [
              new TextRun({
                text: mergedNote(idea.mergedFrom, report.workshop.language),
                break: 1,
                color: MUTED,
                size: 17,
              }),
            ]
          : []),
      ],
    }),
    ...idea.comments.map(
      (comment) =>
        new Paragraph({
          bullet: { level: 1 },
          children: runs(comment.author ? `${comment.author}: ${comment.text}` : comment.text, { italics: true }),
        }),
    ),
  ]
}

const cell = (text: string, options: { header?: boolean; align?: 'left' | 'right'; width?: number } = {}) =>
  new TableCell({
    width: options.width ? { size: options.width, type: WidthType.PERCENTAGE } : undefined,
    shading: options.header ? { type: ShadingType.CLEAR, fill: ACCENT, color: 'auto' } : undefined,
    children: [
      new Paragraph({
        alignment: options.align === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        children: runs(text, options.header ? { bold: true, color: 'FFFFFF' } : {}),
      }),
    ],
  })

function roundBlock(round: ReportRound, l: Labels): (Paragraph | Table)[] {
  const s = round.settings
  const out: (Paragraph | Table)[] = [
    new Paragraph({
      heading: HeadingLevel.HEADING_2,
      children: runs(`${l.roundTitle(round.index)} (${statusLabel(l, round.status)})`),
    }),
    ...[
      `${l.dotsPerParticipant}: ${s.dotsPerParticipant}`,
      `${l.maxPerIdea}: ${s.maxPerIdea ?? l.unlimited}`,
      `${l.anonymousVoting}: ${s.anonymous ? l.yes : l.no}`,
      `${l.eligible}: ${s.eligibleIdeaIds ? l.eligibleSome(s.eligibleIdeaIds.length) : l.eligibleAll}`,
      `${l.voters}: ${round.voters}`,
      `${l.totalVotes}: ${round.totalVotes}`,
    ].map((text) => new Paragraph({ bullet: { level: 0 }, children: runs(text) })),
  ]
  if (round.ranking.length === 0) return [...out, new Paragraph({ children: runs(l.noVotes, { italics: true }) })]
  out.push(
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [
        new TableRow({
          tableHeader: true,
          children: [
            cell(l.rank, { header: true, align: 'right', width: 10 }),
            cell(l.idea, { header: true, width: 75 }),
            cell(l.votes, { header: true, align: 'right', width: 15 }),
          ],
        }),
        ...round.ranking.map(
          (e) =>
            new TableRow({
              children: [
                cell(`${e.rank}.`, { align: 'right' }),
                cell(e.text || l.removedIdea),
                cell(votesCell(l, e), { align: 'right' }),
              ],
            }),
        ),
      ],
    }),
    new Paragraph({ children: [] }),
  )
  return out
}

/**
 * The result report as an editable Word document: real headings (so Word's navigation and
 * table of contents work), numbered idea lists, tables for rankings, page numbers.
 */
export async function buildDocx(report: BoardReport, options: { picture?: boolean } = {}): Promise<Buffer> {
  const l = labelsFor(report.workshop.language)
  const lang = report.workshop.language
  const zone = detailsOf(report).timeZone
  const index = ideaIndex(report)
  const ideas = allIdeas(report)
  const info: [string, string][] = [
    [l.workshop, report.workshop.title],
    [l.date, formatDate(report.workshop.date ?? report.generatedAt, lang, zone)],
    [boardKindLabel(report, l), reportBoardName(report)],
    [l.question, report.board.question || l.none],
    [l.facilitator, report.board.facilitator ?? l.none],
    ...detailRows(report, l),
    [l.participants, participantsCell(report, l)],
    [l.ideasCount, String(ideas.length)],
    [l.generatedAt, formatDateTime(report.generatedAt, lang, zone)],
  ]
  const logo = detailsOf(report).logoPng
  const logoSize = logo ? pngDimensions(logo) : null
  const body: (Paragraph | Table | TableOfContents)[] = [
    ...(logo && logoSize
      ? [
          new Paragraph({
            alignment: AlignmentType.RIGHT,
            children: [
              new ImageRun({
                type: 'png',
                data: logo,
                // At most 4 cm × 1.6 cm (96 px per inch), the logo's proportions kept.
                transformation: {
                  width: Math.round(Math.min(151, (60 * logoSize.width) / logoSize.height)),
                  height: Math.round(Math.min(60, (151 * logoSize.height) / logoSize.width)),
                },
                altText: { name: l.logo, title: l.logo, description: l.logo },
              }),
            ],
          }),
        ]
      : []),
    new Paragraph({ children: runs(l.reportTitle.toUpperCase(), { bold: true, color: MUTED, size: 18 }) }),
    new Paragraph({ heading: HeadingLevel.TITLE, children: runs(reportBoardName(report)) }),
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      borders: {
        top: { style: BorderStyle.SINGLE, size: 6, color: ACCENT },
        bottom: { style: BorderStyle.SINGLE, size: 6, color: ACCENT },
        left: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
        right: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
        insideHorizontal: { style: BorderStyle.SINGLE, size: 2, color: 'CFD6DD' },
        insideVertical: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
      },
      rows: info.map(
        ([label, value]) =>
          new TableRow({
            children: [
              new TableCell({
                width: { size: 28, type: WidthType.PERCENTAGE },
                children: [new Paragraph({ children: runs(label, { color: MUTED }) })],
              }),
              new TableCell({
                width: { size: 72, type: WidthType.PERCENTAGE },
                children: [new Paragraph({ children: runs(value) })],
              }),
            ],
          }),
      ),
    }),
  ]
  if (report.omittedItems > 0) {
    body.push(new Paragraph({ children: runs(l.omittedItems(report.omittedItems), { italics: true, color: MUTED }) }))
  }
  if (ideas.length > 30) {
    body.push(
      new Paragraph({ heading: HeadingLevel.HEADING_1, children: runs(l.contents) }),
      new TableOfContents(l.contents, { hyperlink: true, headingStyleRange: '1-2' }),
    )
  }
  if (options.picture !== false && detailsOf(report).picture !== 'none' && report.drawing.items.length > 0) {
    const png = buildPng(report, 2000)
    const { w, h } = report.drawing.bounds
    const width = 600
    const height = Math.max(1, Math.round((width * h) / w))
    const fit = Math.min(1, 800 / height)
    body.push(
      new Paragraph({ heading: HeadingLevel.HEADING_1, children: runs(l.boardPicture) }),
      new Paragraph({
        children: [
          new ImageRun({
            type: 'png',
            data: png,
            transformation: { width: Math.round(width * fit), height: Math.round(height * fit) },
            altText: {
              name: l.boardPicture,
              title: reportBoardName(report),
              description: `${l.boardPicture}: ${reportBoardName(report)}`,
            },
          }),
        ],
      }),
    )
  }
  if (showsShortlist(report)) body.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: runs(l.shortlist) }))
  if (report.shortlist.length === 0 && showsShortlist(report))
    body.push(new Paragraph({ children: runs(l.emptyShortlist, { italics: true }) }))
  for (const id of report.shortlist) {
    const found = index.get(id)
    if (found)
      body.push(new Paragraph({ numbering: { reference: 'shortlist', level: 0 }, children: runs(found.idea.text) }))
  }
  body.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: runs(l.clusters) }))
  if (report.clusters.length === 0) body.push(new Paragraph({ children: runs(l.none) }))
  report.clusters.forEach((cluster, k) => {
    body.push(
      new Paragraph({ heading: HeadingLevel.HEADING_2, children: runs(cluster.title || `${l.cluster} ${k + 1}`) }),
    )
    if (cluster.ideas.length === 0) body.push(new Paragraph({ children: runs(l.noIdeas, { italics: true }) }))
    for (const idea of cluster.ideas) body.push(...ideaParagraphs(idea, report, l))
  })
  body.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: runs(l.rounds) }))
  if (report.rounds.length === 0) body.push(new Paragraph({ children: runs(l.noRounds, { italics: true }) }))
  for (const round of report.rounds) body.push(...roundBlock(round, l))
  body.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: runs(l.unclustered) }))
  if (report.unclusteredIdeas.length === 0) body.push(new Paragraph({ children: runs(l.noIdeas, { italics: true }) }))
  for (const idea of report.unclusteredIdeas) body.push(...ideaParagraphs(idea, report, l))

  const pageWord = lang === 'en' ? ['Page ', ' of '] : ['Seite ', ' von ']
  const doc = new Document({
    creator: 'Pinnwand',
    title: cleanText(`${l.reportTitle}: ${reportBoardName(report)}`),
    subject: cleanText(report.workshop.title),
    features: { updateFields: ideas.length > 30 },
    styles: {
      default: {
        document: { run: { font: FONT, size: 21 } },
        heading1: {
          run: { font: FONT, color: ACCENT, bold: true, size: 30 },
          paragraph: { spacing: { before: 300, after: 120 } },
        },
        heading2: {
          run: { font: FONT, color: ACCENT, bold: true, size: 24 },
          paragraph: { spacing: { before: 200, after: 80 } },
        },
        title: { run: { font: FONT, color: ACCENT, bold: true, size: 44 } },
      },
    },
    numbering: {
      config: ['ideas', 'shortlist'].map((reference) => ({
        reference,
        levels: [{ level: 0, format: 'decimal' as const, text: '%1.', alignment: AlignmentType.START }],
      })),
    },
    sections: [
      {
        properties: { titlePage: true },
        headers: {
          default: new Header({
            children: [
              new Paragraph({
                children: runs(`${report.workshop.title} · ${reportBoardName(report)}`, { color: MUTED, size: 16 }),
              }),
            ],
          }),
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.RIGHT,
                children: [
                  new TextRun({ text: pageWord[0], color: MUTED, size: 16 }),
                  new TextRun({ children: [PageNumber.CURRENT], color: MUTED, size: 16 }),
                  new TextRun({ text: pageWord[1], color: MUTED, size: 16 }),
                  new TextRun({ children: [PageNumber.TOTAL_PAGES], color: MUTED, size: 16 }),
                ],
              }),
            ],
          }),
        },
        children: body,
      },
    ],
  })
  return Packer.toBuffer(doc)
}
