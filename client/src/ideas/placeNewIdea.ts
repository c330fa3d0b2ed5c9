import { CLUSTER_TYPE, IDEA_CARD_TYPE, type ClusterShape, type IdeaCardShape } from '@pinnwand/shared/boardSchema'
import { CARD_SIZE, CLUSTER_INSET, findFreeSlot, type Box } from '@pinnwand/shared/placement'
import { createShapeId, type Editor, type TLShape, type TLShapeId } from 'tldraw'

/** The cluster the person is working in: a selected cluster, or the cluster of a selected card. */
export function targetCluster(editor: Editor): ClusterShape | null {
  const selected = editor.getOnlySelectedShape()
  if (!selected) return null
  if (selected.type === CLUSTER_TYPE) return selected as ClusterShape
  const parent = editor.getShape(selected.parentId as TLShapeId)
  return parent?.type === CLUSTER_TYPE ? (parent as ClusterShape) : null
}

function boxOf(shape: TLShape): Box {
  const props = shape.props as { w?: number; h?: number }
  return { x: shape.x, y: shape.y, w: props.w ?? CARD_SIZE.w, h: props.h ?? CARD_SIZE.h }
}

/**
 * Screen pixels at the edges of the canvas that the board's own controls cover: the menu bar on
 * top and the side-panel buttons on the left (desktop and tablet). A new card is not put
 * underneath them. (The style panel on the right shows only while something is selected.)
 */
export function viewInsets(screenWidth: number): { left: number; top: number; right: number } {
  return screenWidth >= 700 ? { left: 140, top: 64, right: 24 } : { left: 16, top: 64, right: 16 }
}

/**
 * Adds an idea card for `text`: inside the cluster the person is working in, else in the first
 * free spot in their view (so the card appears where they look, without covering other cards).
 * One undo step. Returns the new card's id.
 */
export function placeNewIdea(editor: Editor, text: string, author: { name: string; userId: string }): TLShapeId {
  const cluster = targetCluster(editor)
  const parentId = cluster?.id ?? editor.getCurrentPageId()
  const siblings = editor.getSortedChildIdsForParent(parentId).flatMap((id) => {
    const shape = editor.getShape(id)
    return shape ? [boxOf(shape)] : []
  })
  let area: Box
  if (cluster) {
    area = { x: CLUSTER_INSET.side, y: CLUSTER_INSET.top, w: cluster.props.w - 2 * CLUSTER_INSET.side, h: Infinity }
  } else {
    const view = editor.getViewportPageBounds()
    const inset = viewInsets(editor.getViewportScreenBounds().w)
    const zoom = editor.getZoomLevel()
    area = {
      x: view.x + inset.left / zoom,
      y: view.y + inset.top / zoom,
      w: Math.max(CARD_SIZE.w, view.w - (inset.left + inset.right) / zoom),
      h: Infinity,
    }
  }
  const position = findFreeSlot(siblings, area)
  const id = createShapeId()
  editor.markHistoryStoppingPoint(`add-idea:${id}`)
  editor.createShape<IdeaCardShape>({
    id,
    type: IDEA_CARD_TYPE,
    parentId,
    x: position.x,
    y: position.y,
    props: { text, author: author.name, authorId: author.userId, createdAt: Date.now() },
  })
  return id
}

/** Brings a card into view and selects it (from the idea list). */
export function jumpToIdea(editor: Editor, id: string): void {
  const shapeId = id as TLShapeId
  const bounds = editor.getShapePageBounds(shapeId)
  if (!bounds) return
  editor.select(shapeId)
  editor.zoomToBounds(bounds, {
    targetZoom: Math.max(editor.getZoomLevel(), 0.8),
    inset: 120,
    animation: { duration: 250 },
  })
}

export const isIdeaCardShape = (shape: TLShape | undefined): shape is IdeaCardShape => shape?.type === IDEA_CARD_TYPE
