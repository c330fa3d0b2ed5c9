import { CLUSTER_TYPE, type ClusterShape, IDEA_CARD_TYPE, type IdeaCardShape } from '@pinnwand/shared'
import type { TLParentId, TLRecord, TLShapeId } from '@tldraw/tlschema'
import { getIndexAbove, type IndexKey } from '@tldraw/utils'
import { gatheredCardHeight, GatheredCard } from './gatheredCardSize.ts'

/**
 * Where a table's shortlist lives on the plenary board, as a pure plan of record changes.
 *
 * Each table gets one cluster (titled with the table's name) holding one idea card per
 * shortlisted idea, in shortlist order. Ids are derived from the source board and idea, and every
 * record carries `meta.shortlist` pointing back to its source (cards also carry the table's
 * number, the idea's rank and points in the table's round), so re-planning after any change of
 * the table's shortlist finds what it wrote before: it updates those records, adds the new ideas,
 * removes unlisted ones, and leaves everything else on the plenary board alone. Cards are as tall
 * as their text needs; where the plenary's facilitator moved a cluster or card, it stays.
 */

export interface ShortlistedIdea {
  ideaId: string
  text: string
  color: IdeaCardShape['props']['color']
  /** Dots in the round it was promoted from, if any. */
  votes: number | null
  /** Its place in that round's ranking (equal dots share a place); null when picked by hand. */
  rank: number | null
}

export interface SourceTable {
  boardId: string
  title: string
  /** 0-based place among the workshop's tables: its number is slot + 1, and it decides the cluster's default slot. */
  slot: number
}

/** `meta.shortlist` of the records the server writes into the plenary board (docs/board-document.md). */
export interface ShortlistMeta {
  boardId: string
  /** The table's number ("Tisch 3"), 1-based. */
  tableNumber?: number
  /** Only on clusters: the grid's row pitch the cards were laid out with (to tell moved cards from placed ones). */
  rowPitch?: number
  /** Only on cards: the idea's id on the source board. */
  ideaId?: string
  /** Only on cards: the table's name, so a card moved out of its cluster still says where it came from. */
  table?: string
  votes?: number | null
  rank?: number | null
  /** Only on cards: 1-based place in the table's shortlist. */
  position?: number
}

export interface PlenaryPlan {
  put: TLRecord[]
  remove: string[]
}

const GAP = 16
const HEADER = 64
const COLUMNS = 3
const CLUSTER_W = GAP + COLUMNS * (GatheredCard.width + GAP)
/** Cluster slots on the plenum template's "Shortlists" zone (x 0–3000), below its label. */
const ORIGIN = { x: 40, y: 140 }
const CLUSTER_GAP = 40
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

const slotPosition = (k: number, pitch: number) => ({
  x: GAP + (k % COLUMNS) * (GatheredCard.width + GAP),
  y: HEADER + Math.floor(k / COLUMNS) * pitch,
})

/** The slot a card sits exactly in (laid out with `pitch`), or null when someone moved it. */
function placedSlot(x: number, y: number, pitch: number | undefined): number | null {
  if (pitch === undefined) return null
  const col = Math.round((x - GAP) / (GatheredCard.width + GAP))
  const row = Math.round((y - HEADER) / pitch)
  if (col < 0 || col >= COLUMNS || row < 0) return null
  const k = row * COLUMNS + col
  const at = slotPosition(k, pitch)
  return at.x === x && at.y === y ? k : null
}

/**
 * Where a table's cluster goes by default: its slot in a grid of three per row, below the
 * gathered clusters of the rows above (clusters grow with their cards' text).
 */
function defaultClusterPosition(slot: number, existing: readonly TLRecord[]) {
  const row = Math.floor(slot / TABLES_PER_ROW)
  let y = ORIGIN.y
  for (const record of existing) {
    const meta = shortlistMetaOf(record)
    if (!meta || meta.ideaId !== undefined || meta.tableNumber === undefined) continue
    if (Math.floor((meta.tableNumber - 1) / TABLES_PER_ROW) >= row) continue
    const cluster = record as ClusterShape
    y = Math.max(y, cluster.y + cluster.props.h + CLUSTER_GAP)
  }
  return { x: ORIGIN.x + (slot % TABLES_PER_ROW) * (CLUSTER_W + CLUSTER_GAP), y }
}

/**
 * The record changes that make the plenary board show `ideas` (in this order) for `table`.
 * `existing` is the plenary board's current records; `ownerId` the facilitator the records are
 * written in the name of (participants cannot edit or delete them, only move cards). Cards carry
 * no author: on the plenary they speak for their table, and the table's number, rank and points
 * are printed where the author would be.
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
  const clusterBefore = byId.get(clusterId) as ClusterShape | undefined
  const pitchBefore = clusterBefore ? shortlistMetaOf(clusterBefore)?.rowPitch : undefined
  const heights = ideas.map((idea) => gatheredCardHeight(idea.text))
  // Rows as tall as the tallest card: long ideas are shown whole, never cut.
  const rowPitch = Math.max(...heights) + GAP
  const tableNumber = table.slot + 1

  // A card still where the gatherer put it follows the shortlist's order; a card the plenary
  // moved (in the cluster or out of it) stays where it was put, and its slot stays free of others.
  const moved = new Set<string>()
  const takenByMoved = new Set<number>()
  for (const idea of ideas) {
    const kept = byId.get(plenaryCardId(table.boardId, idea.ideaId)) as IdeaCardShape | undefined
    if (!kept) continue
    const inGrid = kept.parentId === clusterId ? placedSlot(kept.x, kept.y, pitchBefore) : null
    if (inGrid !== null) continue
    moved.add(kept.id)
    if (kept.parentId === clusterId) {
      const col = Math.min(COLUMNS - 1, Math.max(0, Math.round((kept.x - GAP) / (GatheredCard.width + GAP))))
      const row = Math.max(0, Math.round((kept.y - HEADER) / rowPitch))
      takenByMoved.add(row * COLUMNS + col)
    }
  }

  let nextIndex = [...byId.values()]
    .filter((r) => r.id !== clusterId)
    .reduce<IndexKey>(
      (top, r) => ((r as IdeaCardShape).index > top ? (r as IdeaCardShape).index : top),
      'a0' as IndexKey,
    )
  let lowestBottom = 0
  let k = 0
  const cards: IdeaCardShape[] = ideas.map((idea, i) => {
    const id = plenaryCardId(table.boardId, idea.ideaId)
    const kept = byId.get(id) as IdeaCardShape | undefined
    let position: { x: number; y: number }
    if (kept && moved.has(id)) {
      position = { x: kept.x, y: kept.y }
    } else {
      while (takenByMoved.has(k)) k++
      position = slotPosition(k++, rowPitch)
    }
    let index = kept?.index
    if (!index) {
      nextIndex = getIndexAbove(nextIndex)
      index = nextIndex
    }
    const h = heights[i]!
    const parentId = kept?.parentId ?? (clusterId as TLParentId)
    if (parentId === clusterId) lowestBottom = Math.max(lowestBottom, position.y + h)
    const meta: ShortlistMeta = {
      boardId: table.boardId,
      ideaId: idea.ideaId,
      table: table.title,
      tableNumber,
      votes: idea.votes,
      rank: idea.rank,
      position: i + 1,
    }
    return {
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
      meta: { createdBy: ownerId, shortlist: { ...meta } },
      props: {
        w: GatheredCard.width,
        h,
        text: idea.text,
        color: idea.color,
        author: '',
        authorId: ownerId,
        createdAt: kept?.props.createdAt ?? now,
      },
    }
  })

  const position = clusterBefore ?? defaultClusterPosition(table.slot, existing)
  const clusterMeta: ShortlistMeta = { boardId: table.boardId, tableNumber, rowPitch }
  const cluster: ClusterShape = {
    id: clusterId,
    typeName: 'shape',
    type: CLUSTER_TYPE,
    parentId: (clusterBefore?.parentId ?? 'page:page') as TLParentId,
    // Above the plenum template's zone (a0z1), below cards dropped onto the page.
    index: clusterBefore?.index ?? ('a1' as IndexKey),
    x: position.x,
    y: position.y,
    rotation: clusterBefore?.rotation ?? 0,
    isLocked: false,
    opacity: 1,
    meta: { createdBy: ownerId, shortlist: { ...clusterMeta } },
    props: {
      w: Math.max(clusterBefore?.props.w ?? 0, CLUSTER_W),
      // Fits its cards: grows with long ideas, shrinks again with a shorter shortlist.
      h: Math.max(lowestBottom + GAP, HEADER + GatheredCard.minHeight + GAP),
      title: table.title,
      color: clusterBefore?.props.color ?? CLUSTER_COLORS[table.slot % CLUSTER_COLORS.length]!,
    },
  }
  return { put: [cluster, ...cards], remove }
}
