import { type BoardReport, ideaIndex, type ReportIdea, type ReportRound } from './BoardReport.ts'
import { formatDate, formatDateTime, type Labels, labelsFor, statusLabel, votesCell } from './labels.ts'
import { detailRows, detailsOf } from './reportDetails.ts'
import { mergedNote } from './mergedNote.ts'
import {
  boardKindLabel,
  ideaSource,
  participantsCell,
  reportBoardName,
  showsShortlist,
  summaryTitle,
} from './plenaryReport.ts'

/**
 * Escapes participant text for Markdown, and only what Markdown would read as markup: a backslash
 * before formatting characters, before `<` that would open an HTML tag or autolink, before `&`
 * that would spell an entity, and before `>`, `-`, `+` or `1.` opening a line. Plain text keeps
 * its characters ("Bus & Rufbus", "a < b"); HTML or script in an idea stays visible text in every
 * CommonMark renderer instead of being interpreted.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/([\\`*_[\]#|~])/g, '\\$1')
    .replace(/<(?=[A-Za-z/!?])/g, '\\<')
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&')
    .replace(/^(\s*)([-+>]|\d+\.)(\s|$)/gm, '$1\\$2$3')
}

/** One line for a list item or a table cell: newlines become explicit line breaks. */
const inline = (text: string) =>
  escapeMarkdown(text)
    .split(/\r?\n/)
    .map((line) => line.trim())
    .join('<br>')

function ideaBlock(idea: ReportIdea, report: BoardReport, l: Labels): string[] {
  const meta: string[] = [idea.author || idea.origin ? inline(ideaSource(idea, report, l)) : `_${l.anonymous}_`]
  for (const round of report.rounds) {
    const votes = idea.votesByRound[round.id]
    if (votes) meta.push(`${l.roundTitle(round.index)}: ${votes} ${l.votes}`)
  }
  if (idea.shortlisted) meta.push(`**${l.shortlisted}**`)
  const lines = [`- ${inline(idea.text) || l.none} (${meta.join(', ')})`]
  const merged = mergedNote(idea.mergedFrom, report.workshop.language)
  if (merged) lines.push(`  - ${inline(merged)}`)
  for (const comment of idea.comments) {
    const who = comment.author ? `${inline(comment.author)}: ` : ''
    lines.push(`  - 💬 ${who}${inline(comment.text)}`)
  }
  return lines
}

function roundBlock(round: ReportRound, l: Labels): string[] {
  const s = round.settings
  const lines = [
    `### ${l.roundTitle(round.index)}`,
    '',
    `- ${l.status}: ${statusLabel(l, round.status)}`,
    `- ${l.dotsPerParticipant}: ${s.dotsPerParticipant}`,
    `- ${l.maxPerIdea}: ${s.maxPerIdea ?? l.unlimited}`,
    `- ${l.anonymousVoting}: ${s.anonymous ? l.yes : l.no}`,
    `- ${l.eligible}: ${s.eligibleIdeaIds ? l.eligibleSome(s.eligibleIdeaIds.length) : l.eligibleAll}`,
    `- ${l.voters}: ${round.voters}`,
    `- ${l.totalVotes}: ${round.totalVotes}`,
    '',
  ]
  if (round.ranking.length === 0) return [...lines, l.noVotes, '']
  lines.push(`| ${l.rank} | ${l.idea} | ${l.votes} |`, '|---:|---|---:|')
  for (const entry of round.ranking) {
    lines.push(`| ${entry.rank} | ${inline(entry.text) || l.removedIdea} | ${votesCell(l, entry)} |`)
  }
  return [...lines, '']
}

/** The result report as Markdown: the same sections as the PDF, readable as plain text. */
export function buildMarkdown(report: BoardReport): string {
  const l = labelsFor(report.workshop.language)
  const lang = report.workshop.language
  const zone = detailsOf(report).timeZone
  const ideas = ideaIndex(report)
  const out: string[] = [
    `# ${l.reportTitle}: ${inline(reportBoardName(report))}`,
    '',
    `| | |`,
    `|---|---|`,
    `| ${l.workshop} | ${inline(report.workshop.title)} |`,
    `| ${l.date} | ${formatDate(report.workshop.date ?? report.generatedAt, lang, zone)} |`,
    `| ${boardKindLabel(report, l)} | ${inline(reportBoardName(report))} |`,
    `| ${l.question} | ${inline(report.board.question) || l.none} |`,
    `| ${l.facilitator} | ${report.board.facilitator ? inline(report.board.facilitator) : l.none} |`,
    ...detailRows(report, l).map(([label, value]) => `| ${label} | ${inline(value)} |`),
    `| ${l.participants} | ${participantsCell(report, l)} |`,
    `| ${l.ideasCount} | ${ideas.size} |`,
    `| ${l.generatedAt} | ${formatDateTime(report.generatedAt, lang, zone)} |`,
    '',
    ...(report.omittedItems > 0 ? [`> ${l.omittedItems(report.omittedItems)}`, ''] : []),
    ...(showsShortlist(report) ? [`## ${l.shortlist}`, ''] : []),
  ]
  if (report.shortlist.length === 0 && showsShortlist(report)) out.push(l.emptyShortlist)
  report.shortlist.forEach((id, i) => {
    const found = ideas.get(id)
    if (found) out.push(`${i + 1}. ${inline(found.idea.text)}`)
  })
  out.push('', `## ${l.clusters}`, '')
  if (report.clusters.length === 0) out.push(l.none, '')
  for (const cluster of report.clusters) {
    out.push(`### ${inline(cluster.title) || l.cluster}`, '')
    if (cluster.ideas.length === 0) out.push(l.noIdeas)
    for (const idea of cluster.ideas) out.push(...ideaBlock(idea, report, l))
    out.push('')
  }
  out.push(`## ${l.rounds}`, '')
  if (report.rounds.length === 0) out.push(l.noRounds, '')
  for (const round of report.rounds) out.push(...roundBlock(round, l))
  out.push(`## ${l.unclustered}`, '')
  if (report.unclusteredIdeas.length === 0) out.push(l.noIdeas)
  for (const idea of report.unclusteredIdeas) out.push(...ideaBlock(idea, report, l))
  out.push('')
  return out.join('\n')
}

/** The workshop summary: every table's shortlist first, then the list of tables. */
export function buildWorkshopSummaryMarkdown(reports: readonly BoardReport[]): string {
  const first = reports[0]
  const lang = first?.workshop.language ?? 'de'
  const l = labelsFor(lang)
  const out = [
    `# ${l.workshopSummaryTitle}: ${inline(first?.workshop.title ?? '')}`,
    '',
    `${l.date}: ${first ? formatDate(first.workshop.date ?? first.generatedAt, lang, detailsOf(first).timeZone) : ''}`,
    '',
    `## ${l.summaryShortlists}`,
    '',
  ]
  for (const report of reports) {
    if (!showsShortlist(report)) continue
    const ideas = ideaIndex(report)
    out.push(`### ${inline(summaryTitle(report))}`, '')
    if (report.board.question) out.push(`_${inline(report.board.question)}_`, '')
    if (report.shortlist.length === 0) out.push(l.emptyShortlist)
    report.shortlist.forEach((id, i) => out.push(`${i + 1}. ${inline(ideas.get(id)?.idea.text ?? '')}`))
    out.push('')
  }
  out.push(`## ${l.summaryBoards}`, '', `| ${l.table} | ${l.participants} | ${l.ideasCount} | ${l.rounds} |`)
  out.push('|---|---:|---:|---:|')
  for (const report of reports) {
    const count = ideaIndex(report).size
    out.push(
      `| ${inline(summaryTitle(report))} | ${participantsCell(report, l)} | ${count} | ${report.rounds.length} |`,
    )
  }
  out.push('')
  return out.join('\n')
}
