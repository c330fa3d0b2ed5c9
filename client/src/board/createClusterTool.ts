import { CLUSTER_TYPE, type ClusterShape } from '@pinnwand/shared/boardSchema'
import { createShapeId, StateNode, type Editor, type TLStateNodeConstructor } from 'tldraw'
import { clusterColors, NEW_CLUSTER_SIZE, useClusterRename } from '../clusters/clusterActions.ts'
import { clusterSpotAt, type Rect } from './clusterSpotAt.ts'

export const CLUSTER_TOOL_ID = 'pw-cluster' as const

/** Bounds of what lies directly on the page (clusters, loose cards, drawings): a new cluster must not cover them. */
function topLevelBounds(editor: Editor): Rect[] {
  const pageId = editor.getCurrentPageId()
  return editor.getCurrentPageShapes().flatMap((shape) => {
    if (shape.parentId !== pageId) return []
    const bounds = editor.getShapePageBounds(shape)
    return bounds ? [{ x: bounds.x, y: bounds.y, w: bounds.w, h: bounds.h }] : []
  })
}

/**
 * The cluster tool: a click or tap puts a new, named cluster where the person pointed (moved
 * aside to the nearest free spot if it would cover something), selects it and opens its title
 * for typing. Enter places it in the middle of the view, for keyboard users.
 */
export function createClusterTool(getCreator: () => { title: string; userId: string }): TLStateNodeConstructor {
  return class ClusterTool extends StateNode {
    static override id = CLUSTER_TOOL_ID

    override onEnter() {
      this.editor.setCursor({ type: 'cross', rotation: 0 })
    }

    override onPointerUp() {
      this.place(this.editor.inputs.getCurrentPagePoint())
    }

    override onKeyUp(info: { key: string }) {
      if (info.key === 'Enter') this.place(this.editor.getViewportPageBounds().center)
    }

    override onCancel() {
      this.editor.setCurrentTool('select')
    }

    private place(point: { x: number; y: number }) {
      const { title, userId } = getCreator()
      const position = clusterSpotAt(point, NEW_CLUSTER_SIZE, topLevelBounds(this.editor))
      const id = createShapeId()
      this.editor.markHistoryStoppingPoint(`new-cluster:${id}`)
      this.editor.createShape<ClusterShape>({
        id,
        type: CLUSTER_TYPE,
        x: position.x,
        y: position.y,
        props: { ...NEW_CLUSTER_SIZE, title, color: clusterColors[0] },
        meta: { createdBy: userId },
      })
      // Clusters sit under cards and drawings.
      this.editor.sendToBack([id])
      this.editor.setCurrentTool('select')
      this.editor.select(id)
      useClusterRename.getState().request(id)
    }
  }
}
