import { type BoardComment, buildComment, getCommentsMap } from '@pinnwand/shared/commentDocument'
import type * as Y from 'yjs'
import type { Me } from '../api/apiClient.ts'

/**
 * What this person may do with comments — the same rules the server enforces
 * (server/src/comments/commentPolicy.ts); the UI only uses them to hide what would be refused.
 * `frozen`: the board is locked or a voting round is open.
 */
export function canComment(me: Me, frozen: boolean): boolean {
  if (me.role === 'facilitator') return true
  return me.role === 'participant' && !frozen
}

export function canDeleteComment(me: Me, comment: BoardComment, frozen: boolean): boolean {
  if (me.role === 'facilitator') return true
  return me.role === 'participant' && !frozen && comment.authorId === me.userId
}

/**
 * Writes a new comment into the board document: it syncs like every other change (and waits
 * in the offline cache when the connection is down). Each comment is its own map entry, so
 * comments written at the same moment by many people never overwrite each other.
 */
export function addComment(doc: Y.Doc, me: Me, ideaId: string, text: string): BoardComment {
  const comment = buildComment({ ideaId, text, author: { userId: me.userId, name: me.name } })
  getCommentsMap(doc).set(comment.id, comment)
  return comment
}

export function deleteComment(doc: Y.Doc, commentId: string): void {
  getCommentsMap(doc).delete(commentId)
}
