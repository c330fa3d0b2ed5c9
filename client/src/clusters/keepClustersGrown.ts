import { CLUSTER_TYPE, IDEA_CARD_TYPE, type ClusterShape } from '@pinnwand/shared/boardSchema'
import type { Editor, TLShape, TLShapeId } from 'tldraw'
import { settleCluster } from './clusterActions.ts'

/** Quiet time after the last remote change to a cluster's cards before it is grown (ms). */
const SETTLE_AFTER_MS = 800

/**
 * Facilitator tabs only: a participant may drop a card into a full cluster they did not create
 * (the card takes a new row below the edge) but may not resize it. When other people's changes
 * leave cards outside a cluster, the facilitator's tab grows the cluster and lets the clusters
 * below make way (`settleCluster`), outside the facilitator's own undo history. Several open
 * facilitator tabs compute the same layout, so their writes agree. Returns a stop function.
 */
export function keepClustersGrown(editor: Editor): () => void {
  const pending = new Set<TLShapeId>()
  let timer: ReturnType<typeof setTimeout> | null = null

  const outgrown = (cluster: ClusterShape) =>
    editor.getSortedChildIdsForParent(cluster.id).some((id) => {
      const card = editor.getShape(id)
      if (!card || card.type !== IDEA_CARD_TYPE) return false
      const { w, h } = card.props as { w: number; h: number }
      return card.x + w > cluster.props.w || card.y + h > cluster.props.h
    })

  const flush = () => {
    timer = null
    const ids = [...pending]
    pending.clear()
    if (editor.getInstanceState().isReadonly || !editor.isIn('select.idle')) {
      ids.forEach((id) => pending.add(id))
      schedule()
      return
    }
    editor.run(
      () => {
        for (const id of ids) {
          const cluster = editor.getShape<ClusterShape>(id)
          if (cluster?.type === CLUSTER_TYPE && outgrown(cluster)) settleCluster(editor, id)
        }
      },
      { history: 'ignore' },
    )
  }
  const schedule = () => {
    if (timer) clearTimeout(timer)
    timer = setTimeout(flush, SETTLE_AFTER_MS)
  }

  const parentCluster = (shape: TLShape | undefined) => {
    const parent = shape ? editor.getShape(shape.parentId as TLShapeId) : undefined
    return parent?.type === CLUSTER_TYPE ? parent.id : null
  }
  const stop = editor.store.listen(
    ({ changes }) => {
      const touched = [
        ...Object.values(changes.added),
        ...Object.values(changes.updated).map(([, after]) => after),
      ].filter((record): record is TLShape => record.typeName === 'shape' && record.type === IDEA_CARD_TYPE)
      for (const card of touched) {
        const clusterId = parentCluster(card)
        if (clusterId) pending.add(clusterId)
      }
      if (pending.size > 0) schedule()
    },
    { source: 'remote', scope: 'document' },
  )
  return () => {
    stop()
    if (timer) clearTimeout(timer)
  }
}
