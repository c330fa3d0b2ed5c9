import type { Editor, RecordsDiff, TLRecord } from 'tldraw'
import { mergeUndoDiff } from './mergeUndoDiff.ts'

/**
 * Makes the editor's undo and redo merge against the live board (see mergeUndoDiff), so
 * they never overwrite a later edit by someone else. `onKept` hears when something was left
 * alone, so the person can be told why their undo did not change everything back.
 */
export function installOwnUndo(editor: Editor, onKept: (count: number) => void): () => void {
  const store = editor.store
  const originalApplyDiff = store.applyDiff.bind(store)
  const originalUndo = editor.undo.bind(editor)
  const originalRedo = editor.redo.bind(editor)
  let replaying = false

  store.applyDiff = (diff: RecordsDiff<TLRecord>, options?: Parameters<typeof store.applyDiff>[1]) => {
    if (!replaying) return originalApplyDiff(diff, options)
    const merged = mergeUndoDiff(
      diff as never,
      (id) => store.get(id as TLRecord['id']) as never,
      (record) => store.scopedTypes.document.has((record as unknown as TLRecord).typeName),
    )
    if (merged.kept > 0) onKept(merged.kept)
    return originalApplyDiff(merged.diff as unknown as RecordsDiff<TLRecord>, options)
  }
  const replay = (run: () => Editor) => () => {
    replaying = true
    try {
      return run()
    } finally {
      replaying = false
    }
  }
  editor.undo = replay(originalUndo)
  editor.redo = replay(originalRedo)

  return () => {
    store.applyDiff = originalApplyDiff
    editor.undo = originalUndo
    editor.redo = originalRedo
  }
}
