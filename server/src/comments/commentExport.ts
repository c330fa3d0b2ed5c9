import { type BoardComment, readComments } from '@pinnwand/shared'
import type * as Y from 'yjs'
import type { CommentInput } from '../export/BoardReport.ts'

/**
 * The comments an export shows: every valid comment of the document whose idea card is among
 * `records`. Comments of deleted cards stay in the document (a restore may bring the card
 * back), but reports and backups leave them out, as the board's views do.
 */
export function commentsOnCards(doc: Y.Doc, records: readonly unknown[]): BoardComment[] {
  const ids = new Set(records.map((record) => (record as { id?: unknown }).id))
  return readComments(doc).filter((comment) => ids.has(comment.ideaId))
}

/** A comment as the report model takes it. */
export function toCommentInput(comment: BoardComment): CommentInput {
  return {
    ideaId: comment.ideaId,
    author: comment.author || null,
    authorId: comment.authorId,
    text: comment.text,
    createdAt: comment.createdAt,
  }
}
