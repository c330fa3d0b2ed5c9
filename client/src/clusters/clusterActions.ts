import { CLUSTER_TYPE, IDEA_CARD_TYPE, type ClusterShape } from '@pinnwand/shared/boardSchema'
import {
  CLUSTER_INSET,
  clusterArea,
  findFreeSlot,
  grownToHold,
  nearestFreeSlot,
  placeNewCard,
  reflowClusters,
  tidyLayout,
  type Box,
} from '@pinnwand/shared/placement'
import { createShapeId, type Editor, type TLDefaultColorStyle, type TLShape, type TLShapeId } from 'tldraw'
import { create } from 'zustand'
import { canEditShape } from '../board/permissions.ts'
import { useSession } from '../state/sessionStore.ts'

export const NEW_CLUSTER_SIZE = { w: 600, h: 420 } as const

/** Colours offered for clusters: light, so dark card text stays readable on top. */
export const clusterColors: TLDefaultColorStyle[] = [
  'light-blue',
  'light-green',
  'yellow',
  'orange',
  'light-red',
  'light-violet',
  'grey',
]

/** The cluster whose title field should take focus (just created). */
export const useClusterRename = create<{ clusterId: string | null; request(id: string | null): void }>()((set) => ({
  clusterId: null,
  request: (clusterId) => set({ clusterId }),
}))

/** A new, empty cluster in a free spot of the current view, selected and ready to be named. */
export function createCluster(editor: Editor, title: string, createdBy: string): TLShapeId {
  const view = editor.getViewportPageBounds()
  const pageShapes: Box[] = editor.getCurrentPageShapesSorted().flatMap((shape) => {
    if (shape.parentId !== editor.getCurrentPageId()) return []
    const bounds = editor.getShapePageBounds(shape)
    return bounds ? [{ x: bounds.x, y: bounds.y, w: bounds.w, h: bounds.h }] : []
  })
  const position = findFreeSlot(
    pageShapes,
    { x: view.x + 24, y: view.y + 24, w: Math.max(view.w - 48, NEW_CLUSTER_SIZE.w), h: Infinity },
    NEW_CLUSTER_SIZE,
  )
  const id = createShapeId()
  editor.markHistoryStoppingPoint(`new-cluster:${id}`)
  editor.createShape<ClusterShape>({
    id,
    type: CLUSTER_TYPE,
    x: position.x,
    y: position.y,
    props: { ...NEW_CLUSTER_SIZE, title, color: clusterColors[0] },
    meta: { createdBy },
  })
  // Clusters sit under cards and drawings.
  editor.sendToBack([id])
  editor.select(id)
  useClusterRename.getState().request(id)
  return id
}

/** Whether this person may resize or move a shape (the server reverts what they may not). */
function mayChange(shape: TLShape): boolean {
  const me = useSession.getState().me
  return me ? canEditShape(me, shape) : false
}

const cardBox = (shape: TLShape) => {
  const { w, h } = shape.props as { w: number; h: number }
  return { id: shape.id, x: shape.x, y: shape.y, w, h }
}

/** A cluster's idea cards, in its coordinates. */
function cardsOf(editor: Editor, clusterId: TLShapeId) {
  return editor
    .getSortedChildIdsForParent(clusterId)
    .map((id) => editor.getShape(id))
    .flatMap((shape) => (shape && shape.type === IDEA_CARD_TYPE ? [cardBox(shape)] : []))
}

/**
 * Makes room after a cluster changed: the cluster grows to hold its cards, and clusters it would
 * now cover move down (shared `reflowClusters`). Only what this person may change moves; a
 * cluster they may not move stays and theirs makes way. Call inside the step that changed it.
 */
export function settleCluster(editor: Editor, clusterId: TLShapeId): void {
  const cluster = editor.getShape<ClusterShape>(clusterId)
  if (!cluster || cluster.type !== CLUSTER_TYPE) return
  if (mayChange(cluster)) {
    const size = grownToHold(cluster.props, cardsOf(editor, clusterId))
    if (size.w !== cluster.props.w || size.h !== cluster.props.h) {
      editor.updateShape<ClusterShape>({ id: clusterId, type: CLUSTER_TYPE, props: size })
    }
  }
  reflowPage(editor)
}

/** Moves clusters of the current page apart where they overlap (see `settleCluster`). */
export function reflowPage(editor: Editor): void {
  const pageId = editor.getCurrentPageId()
  const clusters = editor
    .getSortedChildIdsForParent(pageId)
    .map((id) => editor.getShape(id))
    .flatMap((shape) =>
      shape?.type === CLUSTER_TYPE
        ? [
            {
              id: shape.id,
              x: shape.x,
              y: shape.y,
              ...(shape as ClusterShape).props,
              fixed: !mayChange(shape) || shape.isLocked,
            },
          ]
        : [],
    )
  const moved = reflowClusters(clusters)
  if (moved.size === 0) return
  editor.updateShapes([...moved].map(([id, position]) => ({ id: id as TLShapeId, type: CLUSTER_TYPE, ...position })))
}

/**
 * Cards just dropped into a cluster take the free grid slots nearest to where they were let go
 * (no card lands on another), then the cluster grows and the others make way. Called from the
 * cluster's drop handler, inside the drag's undo step.
 */
export function settleDroppedCards(editor: Editor, clusterId: TLShapeId, dropped: readonly TLShape[]): void {
  const cluster = editor.getShape<ClusterShape>(clusterId)
  if (!cluster || cluster.type !== CLUSTER_TYPE) return
  const ids = new Set(dropped.filter((shape) => shape.type === IDEA_CARD_TYPE).map((shape) => shape.id))
  if (ids.size === 0) return
  const cards = [...ids]
    .map((id) => editor.getShape(id))
    .flatMap((shape) => (shape && shape.parentId === clusterId ? [cardBox(shape)] : []))
    .sort((a, b) => a.y - b.y || a.x - b.x)
  const occupied: Box[] = cardsOf(editor, clusterId).filter((card) => !ids.has(card.id as TLShapeId))
  const area = { ...clusterArea(cluster.props), h: cluster.props.h - CLUSTER_INSET.top - CLUSTER_INSET.bottom }
  const updates = cards.map((card) => {
    const slot = nearestFreeSlot(occupied, area, { x: card.x + card.w / 2, y: card.y + card.h / 2 }, card)
    occupied.push({ ...card, ...slot })
    return { id: card.id as TLShapeId, type: IDEA_CARD_TYPE, ...slot }
  })
  editor.run(() => {
    editor.updateShapes(updates)
    settleCluster(editor, clusterId)
  })
}

/**
 * "Zu Themengruppe verschieben": moves a card into the cluster's next free slot, without dragging
 * (WCAG 2.5.7). One undo step.
 */
export function moveCardToCluster(editor: Editor, cardId: TLShapeId, clusterId: TLShapeId): void {
  const card = editor.getShape(cardId)
  const cluster = editor.getShape<ClusterShape>(clusterId)
  if (!card || card.type !== IDEA_CARD_TYPE || !cluster || cluster.type !== CLUSTER_TYPE) return
  if (card.parentId === clusterId) return
  const shapes = editor.getSortedChildIdsForParent(clusterId).flatMap((id) => {
    const shape = editor.getShape(id)
    return shape && shape.type === IDEA_CARD_TYPE
      ? [{ ...cardBox(shape), type: shape.type, parentId: clusterId as string }]
      : []
  })
  const { w, h } = card.props as { w: number; h: number }
  const spot = placeNewCard(
    [
      ...shapes,
      {
        id: clusterId,
        type: CLUSTER_TYPE,
        parentId: editor.getCurrentPageId(),
        x: cluster.x,
        y: cluster.y,
        ...cluster.props,
      },
    ],
    {
      pageId: editor.getCurrentPageId(),
      clusterId,
      size: { w, h },
    },
  )
  editor.markHistoryStoppingPoint(`move-to-cluster:${cardId}`)
  editor.run(() => {
    editor.reparentShapes([cardId], clusterId)
    editor.updateShape({ id: cardId, type: IDEA_CARD_TYPE, x: spot.x, y: spot.y })
    settleCluster(editor, clusterId)
  })
}

/**
 * "Ordnen": arranges a cluster's cards in a grid (one undo step); the cluster grows to fit them
 * and the clusters it would cover make way, so tidying never makes clusters overlap.
 */
export function tidyCluster(editor: Editor, clusterId: TLShapeId): void {
  const cluster = editor.getShape<ClusterShape>(clusterId)
  if (!cluster || cluster.type !== CLUSTER_TYPE) return
  const { positions, size } = tidyLayout(cardsOf(editor, clusterId), cluster.props)
  editor.markHistoryStoppingPoint(`tidy:${clusterId}`)
  editor.run(() => {
    editor.updateShapes(
      [...positions].map(([id, position]) => ({ id: id as TLShapeId, type: IDEA_CARD_TYPE, ...position })),
    )
    if (size.w !== cluster.props.w || size.h !== cluster.props.h) {
      editor.updateShape<ClusterShape>({ id: clusterId, type: CLUSTER_TYPE, props: size })
    }
    reflowPage(editor)
  })
}
