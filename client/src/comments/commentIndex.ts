import { type BoardComment, compareComments, getCommentsMap, parseComment } from '@pinnwand/shared/commentDocument'
import type * as Y from 'yjs'

const EMPTY: readonly BoardComment[] = Object.freeze([])

/**
 * The board's comments grouped by idea card, kept up to date by ONE observer on the document's
 * `comments` map, however many cards show a badge. Each card subscribes to its own idea only, so
 * a new comment re-renders the one card it belongs to. Threads are immutable arrays that change
 * identity only when their content changes (what useSyncExternalStore needs).
 */
export class CommentIndex {
  private readonly byId = new Map<string, BoardComment>()
  private readonly threads = new Map<string, readonly BoardComment[]>()
  private readonly listeners = new Map<string, Set<() => void>>()
  private readonly map: Y.Map<unknown>
  private readonly onChange: (event: Y.YMapEvent<unknown>) => void

  constructor(doc: Y.Doc) {
    this.map = getCommentsMap(doc)
    // First fill: group, then sort each thread once.
    const groups = new Map<string, BoardComment[]>()
    for (const [id, value] of this.map) {
      const comment = parseComment(value)
      if (!comment || comment.id !== id) continue
      this.byId.set(id, comment)
      const group = groups.get(comment.ideaId)
      if (group) group.push(comment)
      else groups.set(comment.ideaId, [comment])
    }
    for (const [ideaId, group] of groups) this.threads.set(ideaId, group.sort(compareComments))
    this.onChange = (event) => {
      const touched = new Set<string>()
      for (const id of event.keysChanged) {
        const before = this.byId.get(id)
        if (before) touched.add(before.ideaId)
        const after = this.put(id, this.map.get(id))
        if (after) touched.add(after.ideaId)
      }
      for (const ideaId of touched) for (const listener of this.listeners.get(ideaId) ?? []) listener()
    }
    this.map.observe(this.onChange)
  }

  /** The thread of one idea card, oldest first (also for cards that are gone: callers decide). */
  thread(ideaId: string): readonly BoardComment[] {
    return this.threads.get(ideaId) ?? EMPTY
  }

  count(ideaId: string): number {
    return this.thread(ideaId).length
  }

  /** Calls `listener` whenever the thread of `ideaId` changes. */
  subscribe(ideaId: string, listener: () => void): () => void {
    let set = this.listeners.get(ideaId)
    if (!set) this.listeners.set(ideaId, (set = new Set()))
    set.add(listener)
    return () => {
      set.delete(listener)
      if (set.size === 0) this.listeners.delete(ideaId)
    }
  }

  destroy(): void {
    this.map.unobserve(this.onChange)
  }

  /** Replaces whatever `id` held with `value` (if it is a valid comment); returns the new one. */
  private put(id: string, value: unknown): BoardComment | null {
    const previous = this.byId.get(id)
    if (previous) {
      const rest = this.thread(previous.ideaId).filter((comment) => comment.id !== id)
      if (rest.length > 0) this.threads.set(previous.ideaId, rest)
      else this.threads.delete(previous.ideaId)
      this.byId.delete(id)
    }
    const comment = value === undefined ? null : parseComment(value)
    if (!comment || comment.id !== id) return null
    this.byId.set(id, comment)
    this.threads.set(comment.ideaId, [...this.thread(comment.ideaId), comment].sort(compareComments))
    return comment
  }
}

const indexes = new WeakMap<Y.Doc, CommentIndex>()

/** The one index of a document (created on first use, lives as long as the document). */
export function commentIndexFor(doc: Y.Doc): CommentIndex {
  let index = indexes.get(doc)
  if (!index) indexes.set(doc, (index = new CommentIndex(doc)))
  return index
}
