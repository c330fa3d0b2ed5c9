import { CLUSTER_TYPE, IDEA_CARD_TYPE, type ClusterShape } from '@pinnwand/shared/boardSchema'
import { findFreeSlot, tidyLayout, type Box } from '@pinnwand/shared/placement'
import { createShapeId, type Editor, type TLDefaultColorStyle, type TLShapeId } from 'tldraw'
import { create } from 'zustand'

export const NEW_CLUSTER_SIZE = { w: 600, h: 420 } as const

/** Colours offered for clusters: light, so dark card text stays readable on top. */
export const clusterColors: TLDefaultColorStyle[] = ['light-blue', 'light-green', 'yellow', 'orange', 'light-red', 'light-violet', 'grey']

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
  const position = findFreeSlot(pageShapes, { x: view.x + 24, y: view.y + 24, w: Math.max(view.w - 48, NEW_CLUSTER_SIZE.w), h: Infinity }, NEW_CLUSTER_SIZE)
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

/** Arranges a cluster's cards in a grid (one undo step); the cluster grows to fit them. */
export function tidyCluster(editor: Editor, clusterId: TLShapeId): void {
  const cluster = editor.getShape<ClusterShape>(clusterId)
  if (!cluster || cluster.type !== CLUSTER_TYPE) return
  const cards = editor
    .getSortedChildIdsForParent(clusterId)
    .map((id) => editor.getShape(id))
    .flatMap((shape) => {
      if (!shape || shape.type !== IDEA_CARD_TYPE) return []
      const { w, h } = shape.props as { w: number; h: number }
      return [{ id: shape.id, x: shape.x, y: shape.y, w, h }]
    })
  const { positions, size } = tidyLayout(cards, cluster.props)
  editor.markHistoryStoppingPoint(`tidy:${clusterId}`)
  editor.run(() => {
    editor.updateShapes(
      [...positions].map(([id, position]) => ({ id: id as TLShapeId, type: IDEA_CARD_TYPE, ...position })),
    )
    if (size.w !== cluster.props.w || size.h !== cluster.props.h) {
      editor.updateShape<ClusterShape>({ id: clusterId, type: CLUSTER_TYPE, props: size })
    }
  })
}
