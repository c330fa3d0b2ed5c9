import { CLUSTER_TYPE, IDEA_CARD_TYPE, type ClusterShape, type IdeaCardShape } from '@pinnwand/shared/boardSchema'
import { CARD_SIZE, placeNewCard, type PlacedShape } from '@pinnwand/shared/placement'
import { createShapeId, type Editor, type TLShape, type TLShapeId } from 'tldraw'
import { measureIdeaCardHeight } from '../shapes/ideaCardLayout.ts'
import { settleCluster } from '../clusters/clusterActions.ts'

/** The cluster the person is working in: a selected cluster, or the cluster of a selected card. */
export function targetCluster(editor: Editor): ClusterShape | null {
  const selected = editor.getOnlySelectedShape()
  if (!selected) return null
  if (selected.type === CLUSTER_TYPE) return selected as ClusterShape
  const parent = editor.getShape(selected.parentId as TLShapeId)
  return parent?.type === CLUSTER_TYPE ? (parent as ClusterShape) : null
}

/** One shape as the placement rules see it: its box in its parent's space, and its role. */
export function placedShapeOf(editor: Editor, shape: TLShape): PlacedShape {
  const role = (shape.meta as { role?: unknown }).role
  const props = shape.props as { w?: unknown; h?: unknown }
  // Cards, clusters and zones by their own size (a cluster's geometry may include its title tab);
  // text and drawings by what they cover.
  const box =
    typeof props.w === 'number' && typeof props.h === 'number'
      ? { x: shape.x, y: shape.y, w: props.w, h: props.h }
      : (({ x, y, w, h }) => ({ x: shape.x + x, y: shape.y + y, w, h }))(editor.getShapeGeometry(shape).bounds)
  return {
    id: shape.id,
    type: shape.type,
    parentId: shape.parentId,
    ...box,
    ...(typeof role === 'string' ? { role } : {}),
  }
}

/** The current page's shapes as the placement rules see them. */
export function placedShapes(editor: Editor): PlacedShape[] {
  return editor.getCurrentPageShapes().map((shape) => placedShapeOf(editor, shape))
}

/**
 * Screen pixels at the edges of the canvas that the board's own controls cover: the menu bar on
 * top, the side-panel buttons on the left (desktop and tablet), the "add idea" field and the
 * toolbar at the bottom. A card is brought out from under them.
 */
export function viewInsets(screenWidth: number): { left: number; top: number; right: number; bottom: number } {
  return screenWidth >= 700
    ? { left: 140, top: 64, right: 24, bottom: 220 }
    : { left: 16, top: 64, right: 16, bottom: 220 }
}

/**
 * Moves the camera (same zoom) so that a shape lies in the part of the view that no menu or panel
 * covers; does nothing when it is already there.
 */
export function revealShape(editor: Editor, id: TLShapeId): void {
  const bounds = editor.getShapePageBounds(id)
  if (!bounds) return
  const view = editor.getViewportPageBounds()
  const zoom = editor.getZoomLevel()
  const inset = viewInsets(editor.getViewportScreenBounds().w)
  const free = {
    x: view.x + inset.left / zoom,
    y: view.y + inset.top / zoom,
    w: view.w - (inset.left + inset.right) / zoom,
    h: view.h - (inset.top + inset.bottom) / zoom,
  }
  const inside =
    bounds.x >= free.x && bounds.y >= free.y && bounds.maxX <= free.x + free.w && bounds.maxY <= free.y + free.h
  if (inside) return
  editor.centerOnPoint({ x: bounds.center.x, y: bounds.center.y }, { animation: { duration: 250 } })
}

/**
 * Adds an idea card for `text` where the board's one rule puts it (shared `placeNewCard`): into
 * the next free slot of the cluster the person is working in, else of the collecting area — the
 * same spot on every device and for the API. The cluster grows when it is full (if the person
 * may change it). One undo step. Returns the new card's id.
 */
export function placeNewIdea(editor: Editor, text: string, author: { name: string; userId: string }): TLShapeId {
  const cluster = targetCluster(editor)
  const size = { w: CARD_SIZE.w, h: measureIdeaCardHeight(editor, text, CARD_SIZE.w) }
  const spot = placeNewCard(placedShapes(editor), {
    pageId: editor.getCurrentPageId(),
    clusterId: cluster?.id ?? null,
    size,
  })
  const id = createShapeId()
  editor.markHistoryStoppingPoint(`add-idea:${id}`)
  editor.run(() => {
    editor.createShape<IdeaCardShape>({
      id,
      type: IDEA_CARD_TYPE,
      parentId: spot.parentId as TLShapeId,
      x: spot.x,
      y: spot.y,
      props: { text, h: size.h, author: author.name, authorId: author.userId, createdAt: Date.now() },
    })
    if (cluster) settleCluster(editor, cluster.id)
  })
  revealShape(editor, id)
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
