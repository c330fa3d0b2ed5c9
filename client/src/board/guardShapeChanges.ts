import { CLUSTER_TYPE } from '@pinnwand/shared/boardSchema'
import type { Editor, TLShapeId } from 'tldraw'
import { canEditShapeIn } from './permissions.ts'

/**
 * What a person's own input must not do to the shared board, stopped before it happens instead
 * of being reverted by the server afterwards (the revert looked like a glitch and, for a cluster,
 * took the person's own cards inside it along):
 * - clusters stay upright: a rotation (handle, shortcut, rotating a multi-selection) leaves them
 *   where and how they were;
 * - a shape this person may not delete stays, and so does everything inside it — tldraw deletes
 *   a cluster's cards with the cluster, and a participant may delete her own card.
 * Changes from others (source 'remote') are never touched: the server decides about those.
 */
export function guardShapeChanges(editor: Editor): () => void {
  const stopRotation = editor.sideEffects.registerBeforeChangeHandler('shape', (prev, next, source) => {
    if (source !== 'user' || next.type !== CLUSTER_TYPE || next.rotation === prev.rotation) return next
    return { ...next, rotation: prev.rotation, x: prev.x, y: prev.y }
  })

  // tldraw announces a delete with its full list (descendants included) before it removes
  // anything; the shapes to keep are decided from that list, then refused one by one.
  let kept = new Set<TLShapeId>()
  const onDelete = (ids: TLShapeId[]) => {
    kept = new Set()
    for (const id of ids) {
      const shape = editor.getShape(id)
      if (!shape || canEditShapeIn(editor, shape)) continue
      kept.add(id)
      editor.visitDescendants(id, (childId) => {
        kept.add(childId)
      })
    }
    if (kept.size > 0) queueMicrotask(() => (kept = new Set()))
  }
  editor.on('deleted-shapes', onDelete)
  const stopDeletes = editor.sideEffects.registerBeforeDeleteHandler('shape', (shape, source) =>
    source === 'user' && kept.has(shape.id) ? false : undefined,
  )
  return () => {
    stopRotation()
    editor.off('deleted-shapes', onDelete)
    stopDeletes()
  }
}
