import type { BoardComment } from '@pinnwand/shared/commentDocument'
import { useCallback, useSyncExternalStore } from 'react'
import type * as Y from 'yjs'
import { commentIndexFor } from './commentIndex.ts'

const NONE: readonly BoardComment[] = []
const noop = () => () => undefined

/** The live thread of one idea card (oldest first); empty without a document or idea. */
export function useCommentThread(doc: Y.Doc | null, ideaId: string | null): readonly BoardComment[] {
  const subscribe = useCallback(
    (listener: () => void) => (doc && ideaId ? commentIndexFor(doc).subscribe(ideaId, listener) : noop()),
    [doc, ideaId],
  )
  const read = () => (doc && ideaId ? commentIndexFor(doc).thread(ideaId) : NONE)
  return useSyncExternalStore(subscribe, read, read)
}

/** The number of comments on one idea card; re-renders only when that card's thread changes. */
export function useCommentCount(doc: Y.Doc | null, ideaId: string): number {
  return useCommentThread(doc, ideaId).length
}
