import {
  CLUSTER_TYPE,
  type ClusterDto,
  type ClusterShape,
  IDEA_CARD_TYPE,
  type IdeaCardShape,
  type IdeaDto,
} from '@pinnwand/shared'
import { createShapeId, type TLRecord, type TLShape } from '@tldraw/tlschema'
import { getIndexAbove } from '@tldraw/utils'
import type { Actor } from '../auth/Actor.ts'
import { DEFAULT_PAGE_ID } from './boardDocument.ts'
import { type Box, CARD_SIZE, findFreeSlot, placedShapes, placeNewCard } from './placement.ts'

const isShape = (record: TLRecord): record is TLShape => record.typeName === 'shape'

export const isIdeaCard = (record: TLRecord): record is IdeaCardShape =>
  isShape(record) && record.type === IDEA_CARD_TYPE

export const isCluster = (record: TLRecord): record is ClusterShape => isShape(record) && record.type === CLUSTER_TYPE

/** The cluster an idea card belongs to: its parent, when that is a cluster. */
export function clusterOf(card: IdeaCardShape, records: ReadonlyMap<string, TLRecord>): string | null {
  const parent = records.get(card.parentId)
  return parent && isCluster(parent) ? parent.id : null
}

/** What already occupies a parent (the page or a cluster), in that parent's coordinates. */
function occupiedBoxes(records: readonly TLRecord[], parentId: string): Box[] {
  return records
    .filter(isShape)
    .filter((shape) => shape.parentId === parentId)
    .map((shape) => {
      const props = shape.props as { w?: number; h?: number }
      return { x: shape.x, y: shape.y, w: props.w ?? CARD_SIZE.w, h: props.h ?? CARD_SIZE.h }
    })
}

function topIndex(records: readonly TLRecord[]): string {
  let top: string | undefined
  for (const record of records) if (isShape(record) && (!top || record.index > top)) top = record.index
  return top ?? 'a0'
}

/** A card's height for `text` (the server cannot measure; the web app resizes it when shown). */
export function cardHeightFor(text: string): number {
  const lines = Math.max(1, Math.ceil(text.length / 28) + (text.match(/\n/g)?.length ?? 0))
  return Math.max(CARD_SIZE.h, 60 + lines * 26)
}

/**
 * A new idea card record for `text`, placed by the rule every device uses: the next free slot of
 * the collecting area, or of `cluster` (cards are children of their cluster, in its coordinates).
 */
export function buildIdeaCard(
  records: readonly TLRecord[],
  text: string,
  author: Actor,
  cluster: ClusterShape | null = null,
  now = Date.now(),
): IdeaCardShape {
  const h = cardHeightFor(text)
  // An import passes a cluster it is still building: place by its current size.
  const shapes = placedShapes(records).filter((shape) => shape.id !== cluster?.id)
  if (cluster) shapes.push(...placedShapes([cluster]))
  const { parentId, ...position } = placeNewCard(shapes, {
    pageId: DEFAULT_PAGE_ID,
    clusterId: cluster?.id ?? null,
    size: { w: CARD_SIZE.w, h },
  })
  return {
    id: createShapeId(),
    typeName: 'shape',
    type: IDEA_CARD_TYPE,
    parentId: parentId as never,
    index: getIndexAbove(topIndex(records) as never),
    x: position.x,
    y: position.y,
    rotation: 0,
    isLocked: false,
    opacity: 1,
    meta: {},
    props: {
      w: CARD_SIZE.w,
      h,
      text,
      color: 'yellow',
      author: author.name,
      authorId: author.userId,
      createdAt: now,
    },
  }
}

/** A new cluster to the right of everything on the page. */
export function buildCluster(records: readonly TLRecord[], title: string, color: string, creator: Actor): ClusterShape {
  const size = { w: 760, h: 520 }
  const position = findFreeSlot(occupiedBoxes(records, DEFAULT_PAGE_ID), undefined, size)
  return {
    id: createShapeId(),
    typeName: 'shape',
    type: CLUSTER_TYPE,
    parentId: DEFAULT_PAGE_ID as never,
    // Clusters sit below cards in z-order so dropped cards stay visible.
    index: 'a0' as never,
    x: position.x,
    y: position.y,
    rotation: 0,
    isLocked: false,
    opacity: 1,
    meta: { createdBy: creator.userId },
    props: { ...size, title, color: color as ClusterShape['props']['color'] },
  }
}

/** Clusters of a board, in reading order (top to bottom, left to right). */
export function listClusters(records: readonly TLRecord[]): ClusterDto[] {
  return records
    .filter(isCluster)
    .sort((a, b) => a.y - b.y || a.x - b.x)
    .map((cluster) => ({ id: cluster.id, title: cluster.props.title }))
}

/** Ideas of a board as the API shows them, oldest first. */
export function listIdeas(records: readonly TLRecord[]): IdeaDto[] {
  const byId = new Map(records.map((r) => [r.id as string, r]))
  return records
    .filter(isIdeaCard)
    .sort((a, b) => a.props.createdAt - b.props.createdAt || a.id.localeCompare(b.id))
    .map((card) => ({
      id: card.id,
      text: card.props.text,
      clusterId: clusterOf(card, byId),
      author: card.props.author,
    }))
}
