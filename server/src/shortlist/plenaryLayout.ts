import { CLUSTER_TYPE, type ClusterShape, IDEA_CARD_TYPE, type IdeaCardShape } from '@pinnwand/shared'
import type { TLParentId, TLRecord, TLShapeId } from '@tldraw/tlschema'
import { getIndexAbove, type IndexKey } from '@tldraw/utils'

/**
 * Where a table's shortlist lives on the plenary board, as a pure plan of record changes.
 *
 * Each table gets one cluster (titled with the table's name) holding one idea card per
 * shortlisted idea. Ids are derived from the source board and idea, and every record carries
 * `meta.shortlist` pointing back to its source, so re-planning after any change of the table's
 * shortlist finds what it wrote before: it updates those records, adds the new ideas, removes
 * unlisted ones, and leaves everything else on the plenary board alone. Where the plenary's
 * facilitator moved a cluster or card, it stays.
 */

export interface ShortlistedIdea {
  ideaId: string
  text: string
  author: string
  color: IdeaCardShape['props']['color']
  /** Dots in the round it was promoted from, if any. */
  votes: number | null
}

export interface SourceTable {
  boardId: string
  title: string
  /** 0-based place among the workshop's tables: decides the cluster's default slot. */
  slot: number
}

/** `meta.shortlist` of the records the server writes into the plenary board. */
export interface ShortlistMeta {
  boardId: string
  /** Only on cards: the idea's id on the source board. */
  ideaId?: string
  votes?: number | null
}

export interface PlenaryPlan {
  put: TLRecord[]
  remove: string[]
}

const CARD = { w: 220, h: 160 }
const GAP = 16
const HEADER = 64
const COLUMNS = 3
const CLUSTER_W = GAP + COLUMNS * (CARD.w + GAP)
const ROW_PITCH = 200
/** Cluster slots on the plenum template's "Shortlists" zone (x 0–3000), below its label. */
const ORIGIN = { x: 40, y: 140 }
const CLUSTER_PITCH = { x: CLUSTER_W + 40, y: HEADER + 2 * ROW_PITCH + GAP + 60 }
const TABLES_PER_ROW = 3
const CLUSTER_COLORS = ['light-blue', 'light-green', 'light-violet', 'yellow', 'orange', 'light-red'] as const

export const plenaryClusterId = (boardId: string) => `shape:shortlist_${boardId}` as TLShapeId
export const plenaryCardId = (boardId: string, ideaId: string) =>
  `shape:shortlist_${boardId}_${ideaId.replace(/^shape:/, '')}` as TLShapeId

/** The source a plenary record was written for, if it was written for a shortlist. */
export function shortlistMetaOf(record: TLRecord): ShortlistMeta | null {
  const meta = (record as { meta?: { shortlist?: unknown } }).meta?.shortlist
  if (typeof meta !== 'object' || meta === null) return null
  const boardId = (meta as { boardId?: unknown }).boardId
  return typeof boardId === 'string' ? (meta as ShortlistMeta) : null
}

function cardHeight(text: string): number {
  const lines = Math.max(1, Math.ceil(text.length / 28) + (text.match(/\n/g)?.length ?? 0))
  return Math.max(CARD.h, 60 + lines * 26)
}

function slotPosition(k: number) {
  return { x: GAP + (k % COLUMNS) * (CARD.w + GAP), y: HEADER + Math.floor(k / COLUMNS) * ROW_PITCH }
}

/** The grid slot a kept card occupies (nearest to its top-left corner). */
function slotOf(x: number, y: number): number {
  const col = Math.min(COLUMNS - 1, Math.max(0, Math.round((x - GAP) / (CARD.w + GAP))))
  const row = Math.max(0, Math.round((y - HEADER) / ROW_PITCH))
  return row * COLUMNS + col
}

/**
 * The record changes that make the plenary board show `ideas` (in this order) for `table`.
 * `existing` is the plenary board's current records; `ownerId` the facilitator the records are
 * written in the name of (participants cannot edit or delete them, only move cards).
 */
export function planPlenaryShortlist(
  table: SourceTable,
  ideas: readonly ShortlistedIdea[],
  existing: readonly TLRecord[],
  ownerId: string,
  now: number,
): PlenaryPlan {
  const mine = existing.filter((r) => shortlistMetaOf(r)?.boardId === table.boardId)
  const clusterId = plenaryClusterId(table.boardId)
  const wanted = new Set(ideas.map((i) => plenaryCardId(table.boardId, i.ideaId)))
  const remove = mine.filter((r) => r.id !== clusterId && !wanted.has(r.id as TLShapeId)).map((r) => r.id as string)
  if (ideas.length === 0) {
    if (mine.some((r) => r.id === clusterId)) remove.push(clusterId)
    return { put: [], remove }
  }

  const byId = new Map(mine.map((r) => [r.id as string, r]))
  const keptCards = ideas
    .map((i) => byId.get(plenaryCardId(table.boardId, i.ideaId)))
    .filter((r): r is IdeaCardShape => r !== undefined && (r as IdeaCardShape).parentId === clusterId)
  const taken = new Set(keptCards.map((c) => slotOf(c.x, c.y)))
  let nextIndex = keptCards.reduce<IndexKey>((top, c) => (c.index > top ? c.index : top), 'a0' as IndexKey)
  let lowestBottom = 0

  const cards: IdeaCardShape[] = []
  for (const idea of ideas) {
    const id = plenaryCardId(table.boardId, idea.ideaId)
    // A card the plenary moved elsewhere (even out of the cluster) stays where it was put.
    const kept = byId.get(id) as IdeaCardShape | undefined
    let position: { x: number; y: number }
    let index: IndexKey
    if (kept) {
      position = { x: kept.x, y: kept.y }
      index = kept.index
    } else {
      let k = 0
      while (taken.has(k)) k++
      taken.add(k)
      position = slotPosition(k)
      nextIndex = getIndexAbove(nextIndex)
      index = nextIndex
    }
    const h = cardHeight(idea.text)
    const parentId = kept?.parentId ?? (clusterId as TLParentId)
    if (parentId === clusterId) lowestBottom = Math.max(lowestBottom, position.y + h)
    cards.push({
      id,
      typeName: 'shape',
      type: IDEA_CARD_TYPE,
      parentId,
      index,
      x: position.x,
      y: position.y,
      rotation: kept?.rotation ?? 0,
      isLocked: false,
      opacity: 1,
      meta: {
        createdBy: ownerId,
        shortlist: { boardId: table.boardId, ideaId: idea.ideaId, votes: idea.votes },
      },
      props: {
        w: CARD.w,
        h,
        text: idea.text,
        color: idea.color,
        author: idea.author,
        authorId: ownerId,
        createdAt: kept?.props.createdAt ?? now,
      },
    })
  }

  const clusterBefore = byId.get(clusterId) as ClusterShape | undefined
  const defaultPosition = {
    x: ORIGIN.x + (table.slot % TABLES_PER_ROW) * CLUSTER_PITCH.x,
    y: ORIGIN.y + Math.floor(table.slot / TABLES_PER_ROW) * CLUSTER_PITCH.y,
  }
  const cluster: ClusterShape = {
    id: clusterId,
    typeName: 'shape',
    type: CLUSTER_TYPE,
    parentId: (clusterBefore?.parentId ?? 'page:page') as TLParentId,
    // Above the plenum template's zone (a0z1), below cards dropped onto the page.
    index: clusterBefore?.index ?? ('a1' as IndexKey),
    x: clusterBefore?.x ?? defaultPosition.x,
    y: clusterBefore?.y ?? defaultPosition.y,
    rotation: clusterBefore?.rotation ?? 0,
    isLocked: false,
    opacity: 1,
    meta: { createdBy: ownerId, shortlist: { boardId: table.boardId } },
    props: {
      w: Math.max(clusterBefore?.props.w ?? 0, CLUSTER_W),
      h: Math.max(clusterBefore?.props.h ?? 0, lowestBottom + GAP, HEADER + ROW_PITCH),
      title: table.title,
      color: clusterBefore?.props.color ?? CLUSTER_COLORS[table.slot % CLUSTER_COLORS.length]!,
    },
  }
  return { put: [cluster, ...cards], remove }
}
