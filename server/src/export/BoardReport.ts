import { IDEA_CARD_TYPE, Limits } from '@pinnwand/shared'
import { mergedIdeasOf } from '@pinnwand/shared/mergeIdeasApi'
import { serverNamedRole } from '@pinnwand/shared/roleNames'
import type { TLRecord } from '@tldraw/tlschema'
import { type BoardDrawing, extractDrawing, type RawShape } from './drawing.ts'
import { labelsFor, type ExportLanguage } from './labels.ts'
import type { ReportMergedIdea } from './mergedNote.ts'
import type { ReportDetails } from './reportDetails.ts'
import type { CommentInput, RoundInput, RoundSettings } from '../features/boardExtras.ts'

// The features' shapes (features/boardExtras.ts), under the names the report's users know.
export type { CommentInput, RoundInput, RoundSettings }

/**
 * The one model every export format is built from. Builders are pure functions of it, so
 * features that add data (comments, voting rounds, shortlist) only fill `BoardReportInput`
 * and every format picks the data up at once.
 */
export interface BoardReport {
  workshop: { id: string; title: string; date: string | null; language: ExportLanguage }
  /** `kind`: 'plenary' for the workshop's plenary (absent in reports built before kinds: a table). */
  /** `number`: the table's number ("Tisch 3"); null or absent for the plenary and older reports. */
  board: {
    id: string
    title: string
    question: string
    facilitator: string | null
    kind?: 'table' | 'plenary'
    number?: number | null
  }
  participantsCount: number
  /** Epoch ms. */
  generatedAt: number
  clusters: ReportCluster[]
  unclusteredIdeas: ReportIdea[]
  rounds: ReportRound[]
  /** Idea ids in shortlist order. */
  shortlist: string[]
  /** The board's shapes, normalised to page coordinates, for SVG/PNG and the PDF picture. */
  drawing: BoardDrawing
  /**
   * Board items the export could not show (records it could not read, shapes it could not
   * draw); every document format says so (labels `omittedItems`).
   */
  omittedItems: number
  /**
   * Cards the facilitator rejected in the moderation inbox: only the count — their texts were
   * never on the board and are no part of any export. Absent or 0: not printed.
   */
  rejectedCards?: number
  /** The organiser's export settings (place, recorder, logo, picture, time zone); see detailsOf. */
  details?: ReportDetails
}

export interface ReportCluster {
  id: string
  title: string
  color: string
  ideas: ReportIdea[]
}

export interface ReportIdea {
  id: string
  text: string
  /** null when the author is hidden (anonymous collection) or unknown. */
  author: string | null
  createdAt: number
  comments: ReportComment[]
  /** Dots per round id; only rounds in which the idea received dots. */
  votesByRound: Record<string, number>
  shortlisted: boolean
  /** Duplicates merged into this card ("Doppelte zusammenführen"), oldest merge first. */
  mergedFrom?: ReportMergedIdea[]
  /** On the plenary: the table a gathered idea comes from, with its rank and points there. */
  origin?: { table: string; tableNumber: number; rank: number | null; votes: number | null }
}

export interface ReportComment {
  author: string | null
  text: string
  createdAt: number
}

export interface RankingEntry {
  ideaId: string
  text: string
  votes: number
  /** Competition ranking: equal votes share a rank (1, 1, 3). */
  rank: number
  /** Of `votes`, dots the facilitator placed on someone's behalf (named proxy votes); only when > 0. */
  proxyVotes?: number
}

export interface ReportRound {
  id: string
  /** 1-based, in the order the rounds were opened. */
  index: number
  settings: RoundSettings
  status: 'open' | 'closed' | 'revealed'
  voters: number
  totalVotes: number
  ranking: RankingEntry[]
}

export interface BoardReportInput {
  workshop: { id: string; title: string; date: string | null; language: ExportLanguage }
  board: { id: string; title: string; question: string; kind?: 'table' | 'plenary'; number?: number | null }
  /** Name of the table's facilitator, when known. */
  facilitator?: string | null
  /** The board document's records (tldraw shapes, bindings, pages, …). */
  records: readonly TLRecord[] | readonly unknown[]
  rounds?: readonly RoundInput[]
  comments?: readonly CommentInput[]
  /** Idea ids in shortlist order; ids no longer on the board are dropped. */
  shortlist?: readonly string[]
  /** When set (e.g. from the participant list), used instead of counting distinct authors. */
  participantsCount?: number
  /** Hide every card author (anonymous collection phase). */
  hideAuthors?: boolean
  /** Records the caller already left out (copyRecordsSafely); shapes the drawing skips add to it. */
  omittedItems?: number
  /** Cards rejected in the moderation inbox (the count only). */
  rejectedCards?: number
  details?: ReportDetails
  now?: number
}

/**
 * Text as a report shows it: longer than any write path allows only in a record written before
 * the record limits, and then cut (a 7 MB author would stall every format).
 */
function clamp(value: string, max: number): string {
  return value.length > max ? `${value.slice(0, max)}…` : value
}

export const CLUSTER_TYPE = 'cluster' as const

interface CardRecord extends RawShape {
  props: { text?: unknown; author?: unknown; authorId?: unknown; createdAt?: unknown }
  meta?: { shortlist?: unknown; mergedFrom?: unknown }
}

/** The duplicates merged into a card (`meta.mergedFrom`), authors hidden when the report hides them. */
function mergedFromOf(card: CardRecord, hideAuthors: boolean | undefined): { mergedFrom?: ReportMergedIdea[] } {
  const merged = mergedIdeasOf(card.meta)
  if (merged.length === 0) return {}
  return {
    mergedFrom: merged.map((idea) => ({
      text: clamp(idea.text, Limits.ideaTextMax),
      author: hideAuthors || !idea.author.trim() ? null : clamp(idea.author, Limits.displayNameMax),
    })),
  }
}

/** Where a card gathered onto the plenary comes from (`meta.shortlist`, docs/board-document.md). */
function originOf(card: CardRecord): ReportIdea['origin'] {
  const meta = card.meta?.shortlist as Record<string, unknown> | undefined
  if (typeof meta !== 'object' || meta === null || typeof meta.ideaId !== 'string') return undefined
  const count = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : null)
  return {
    table: typeof meta.table === 'string' ? clamp(meta.table, Limits.titleMax) : '',
    tableNumber: count(meta.tableNumber) ?? 0,
    rank: count(meta.rank),
    votes: count(meta.votes),
  }
}

const isShape = (record: unknown): record is RawShape =>
  typeof record === 'object' &&
  record !== null &&
  (record as { typeName?: unknown }).typeName === 'shape' &&
  typeof (record as { id?: unknown }).id === 'string'

/** Assembles the report model from the board's records and whatever the features supply. */
export function buildBoardReport(input: BoardReportInput): BoardReport {
  const shapes = (input.records as readonly unknown[]).filter(isShape)
  const cards = shapes.filter((s): s is CardRecord => s.type === IDEA_CARD_TYPE)
  const clusterShapes = shapes.filter((s) => s.type === CLUSTER_TYPE)
  const rounds = buildRounds(input.rounds ?? [], cards)
  const cardIds = new Set(cards.map((c) => c.id))
  const shortlist = [...new Set(input.shortlist ?? [])].filter((id) => cardIds.has(id))
  const shortlisted = new Set(shortlist)

  const commentsByIdea = new Map<string, ReportComment[]>()
  for (const comment of input.comments ?? []) {
    const list = commentsByIdea.get(comment.ideaId) ?? []
    // Hidden authors (anonymous collection) hide the commenters too; the facilitator's stored
    // name "Moderation" is said in the report's language, as for cards.
    const byFacilitator =
      comment.author && comment.authorId && serverNamedRole(comment.author, comment.authorId) === 'facilitator'
    const author = byFacilitator ? labelsFor(input.workshop.language).facilitator : comment.author
    list.push({ author: input.hideAuthors ? null : author, text: comment.text, createdAt: comment.createdAt })
    commentsByIdea.set(comment.ideaId, list)
  }
  for (const list of commentsByIdea.values()) list.sort((a, b) => a.createdAt - b.createdAt)

  const votesByIdea = new Map<string, Record<string, number>>()
  for (const round of rounds) {
    for (const entry of round.ranking) {
      const votes = votesByIdea.get(entry.ideaId) ?? {}
      votes[round.id] = entry.votes
      votesByIdea.set(entry.ideaId, votes)
    }
  }

  const toIdea = (card: CardRecord): ReportIdea => {
    const stored =
      typeof card.props.author === 'string' && card.props.author.trim()
        ? clamp(card.props.author, Limits.displayNameMax)
        : null
    // The facilitator's stored name is "Moderation": an English report says "Facilitator".
    const authorId = typeof card.props.authorId === 'string' ? card.props.authorId : null
    const author =
      stored && serverNamedRole(stored, authorId) === 'facilitator'
        ? labelsFor(input.workshop.language).facilitator
        : stored
    return {
      id: card.id,
      text: typeof card.props.text === 'string' ? clamp(card.props.text, Limits.ideaTextMax) : '',
      author: input.hideAuthors ? null : author,
      createdAt: typeof card.props.createdAt === 'number' ? card.props.createdAt : 0,
      comments: commentsByIdea.get(card.id) ?? [],
      votesByRound: votesByIdea.get(card.id) ?? {},
      shortlisted: shortlisted.has(card.id),
      ...(originOf(card) ? { origin: originOf(card) } : {}),
      ...mergedFromOf(card, input.hideAuthors),
    }
  }
  const byCreation = (a: ReportIdea, b: ReportIdea) => a.createdAt - b.createdAt || a.id.localeCompare(b.id)

  const clusterIds = new Set(clusterShapes.map((c) => c.id))
  const clusters: ReportCluster[] = clusterShapes
    .map((shape) => {
      const props = shape.props as { title?: unknown; color?: unknown }
      return {
        id: shape.id,
        title: typeof props.title === 'string' ? clamp(props.title, Limits.titleMax) : '',
        color: typeof props.color === 'string' ? props.color : 'grey',
        ideas: cards
          .filter((c) => c.parentId === shape.id)
          .map(toIdea)
          .sort(byCreation),
        // Reading order on the board: top to bottom, then left to right.
        sortKey: [shape.y, shape.x] as const,
      }
    })
    .sort((a, b) => a.sortKey[0] - b.sortKey[0] || a.sortKey[1] - b.sortKey[1])
    .map(({ sortKey: _sortKey, ...cluster }) => cluster)

  // Gathered cards are written in the facilitator's name: they are no one taking part.
  const authorIds = new Set(
    cards
      .filter((c) => !originOf(c))
      .map((c) => c.props.authorId)
      .filter((id): id is string => typeof id === 'string' && id !== ''),
  )
  const participantsCount = input.participantsCount ?? Math.max(authorIds.size, ...rounds.map((r) => r.voters), 0)
  const extracted = extractDrawing(input.records as readonly unknown[])
  // Hidden names stay hidden in the picture of the board too.
  const drawing = input.hideAuthors
    ? { ...extracted, items: extracted.items.map((item) => (item.kind === 'card' ? { ...item, author: '' } : item)) }
    : extracted

  return {
    workshop: { ...input.workshop },
    board: { ...input.board, facilitator: input.facilitator ?? null },
    participantsCount,
    generatedAt: input.now ?? Date.now(),
    clusters,
    unclusteredIdeas: cards
      .filter((c) => !clusterIds.has(c.parentId))
      .map(toIdea)
      .sort(byCreation),
    rounds,
    shortlist,
    drawing,
    omittedItems: (input.omittedItems ?? 0) + drawing.omitted,
    ...(input.rejectedCards ? { rejectedCards: input.rejectedCards } : {}),
    ...(input.details ? { details: input.details } : {}),
  }
}

function buildRounds(inputs: readonly RoundInput[], cards: readonly CardRecord[]): ReportRound[] {
  const cardText = new Map(cards.map((c) => [c.id, typeof c.props.text === 'string' ? c.props.text : '']))
  const cardCreated = new Map(cards.map((c) => [c.id, typeof c.props.createdAt === 'number' ? c.props.createdAt : 0]))
  return [...inputs]
    .sort((a, b) => a.openedAt - b.openedAt || a.id.localeCompare(b.id))
    .map((round, i) => {
      const entries = Object.entries(round.votesByIdea)
        .filter(([, votes]) => votes > 0)
        .sort(
          ([ida, a], [idb, b]) =>
            b - a || (cardCreated.get(ida) ?? Infinity) - (cardCreated.get(idb) ?? Infinity) || ida.localeCompare(idb),
        )
      const ranking: RankingEntry[] = []
      entries.forEach(([ideaId, votes], position) => {
        const previous = ranking[position - 1]
        const proxyVotes = round.proxyVotesByIdea?.[ideaId] ?? 0
        ranking.push({
          ideaId,
          // An empty text marks an idea whose card and text are gone; renderers say so.
          text: cardText.get(ideaId) ?? round.ideaTexts?.[ideaId] ?? '',
          votes,
          rank: previous && previous.votes === votes ? previous.rank : position + 1,
          ...(proxyVotes > 0 ? { proxyVotes } : {}),
        })
      })
      return {
        id: round.id,
        index: i + 1,
        settings: { ...round.settings },
        status: round.status,
        voters: round.voters,
        totalVotes: entries.reduce((sum, [, votes]) => sum + votes, 0),
        ranking,
      }
    })
}

/** Every idea of the report, clustered ones first (in cluster order), keyed by id. */
export function allIdeas(report: BoardReport): ReportIdea[] {
  return [...report.clusters.flatMap((c) => c.ideas), ...report.unclusteredIdeas]
}

export function ideaIndex(report: BoardReport): Map<string, { idea: ReportIdea; cluster: ReportCluster | null }> {
  const index = new Map<string, { idea: ReportIdea; cluster: ReportCluster | null }>()
  for (const cluster of report.clusters) for (const idea of cluster.ideas) index.set(idea.id, { idea, cluster })
  for (const idea of report.unclusteredIdeas) index.set(idea.id, { idea, cluster: null })
  return index
}
