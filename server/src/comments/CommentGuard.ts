import { getCommentsMap } from '@pinnwand/shared'
import type * as Y from 'yjs'
import type { Actor } from '../auth/Actor.ts'
import {
  type CommentChange,
  type CommentPolicyContext,
  type CommentRefusal,
  reviewCommentChange,
} from './commentPolicy.ts'

export interface RefusedCommentChange {
  change: CommentChange
  refusal: CommentRefusal
}

/**
 * Watches a room's `comments` map and reviews every change a client made with the pure rules
 * of commentPolicy.ts. The room decides when to revert (together with refused records, in one
 * compensating server transaction, before anything is persisted or broadcast).
 */
export class CommentGuard {
  private readonly map: Y.Map<unknown>
  private refused: RefusedCommentChange[] = []

  constructor(
    doc: Y.Doc,
    /** The acting client of a transaction, or null for the server's own writes. */
    actorOf: (origin: unknown) => Actor | null,
    context: () => CommentPolicyContext,
  ) {
    // Created before any client update arrives, so the root type is a Y.Map from the start.
    this.map = getCommentsMap(doc)
    this.map.observe((event, transaction) => {
      const actor = actorOf(transaction.origin)
      if (!actor) return
      const facts = context()
      for (const [id, { action, oldValue }] of event.changes.keys) {
        const change: CommentChange = {
          id,
          before: action === 'add' ? undefined : oldValue,
          after: action === 'delete' ? undefined : this.map.get(id),
        }
        const refusal = reviewCommentChange(actor, change, facts)
        if (refusal) this.refused.push({ change, refusal })
      }
    })
  }

  /** Whether `type` is the map this guard watches (so the room can tell it from foreign writes). */
  watches(type: unknown): boolean {
    return type === this.map
  }

  get hasRefusals(): boolean {
    return this.refused.length > 0
  }

  /**
   * Puts every refused change back and returns what was refused. Call inside a server
   * transaction: a refused addition is deleted (its content is garbage-collected), a refused
   * deletion or edit writes the previous value again.
   */
  revert(): RefusedCommentChange[] {
    const refused = this.refused
    this.refused = []
    for (const { change } of refused) {
      if (change.before === undefined) this.map.delete(change.id)
      else this.map.set(change.id, change.before)
    }
    return refused
  }

  /** Forgets collected refusals (a new client update starts). */
  reset(): void {
    this.refused = []
  }
}
