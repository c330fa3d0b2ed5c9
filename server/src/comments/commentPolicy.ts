import { BoardCommentSchema, type BoardComment } from '@pinnwand/shared'
import type { Actor } from '../auth/Actor.ts'

/** One entry of the `comments` map as a client changed it; both sides are untrusted. */
export interface CommentChange {
  id: string
  before: unknown
  after: unknown
}

export const CommentRefusalCode = {
  readOnly: 'read_only',
  invalid: 'invalid',
  immutable: 'immutable',
  forgedAuthor: 'forged_author',
  notAuthor: 'not_author',
  locked: 'locked',
  ideaNotFound: 'idea_not_found',
} as const
export type CommentRefusalCode = (typeof CommentRefusalCode)[keyof typeof CommentRefusalCode]

export interface CommentRefusal {
  code: CommentRefusalCode
  reason: string
}

/** Server-owned facts the rules depend on. */
export interface CommentPolicyContext {
  /** Locked by the facilitator, or a voting round is open: participants change nothing. */
  locked: boolean
  /** Whether an idea card with this id is on the board now. */
  ideaExists(ideaId: string): boolean
}

const refuse = (code: CommentRefusalCode, reason: string): CommentRefusal => ({ code, reason })

/** The comment's author id, when the stored value has one (even if it is otherwise broken). */
function authorIdOf(value: unknown): string | null {
  const authorId = (value as { authorId?: unknown } | null)?.authorId
  return typeof authorId === 'string' ? authorId : null
}

/**
 * Decides whether one comment change may stand. Pure: the room (CommentGuard) and the HTTP
 * routes both ask it, so the socket and the API follow the same rules.
 *
 * - Comments are added and deleted, never edited.
 * - A new comment must be valid and written in the writer's own name (`authorId` = their id,
 *   `author` = their display name), on an idea card that exists.
 * - Participants delete only their own comments; the facilitator deletes any.
 * - While the board is locked or a voting round is open, participants change nothing
 *   (as with records); the projector never changes anything.
 */
export function reviewCommentChange(
  actor: Actor,
  change: CommentChange,
  context: CommentPolicyContext,
): CommentRefusal | null {
  if (actor.role === 'projector') return refuse(CommentRefusalCode.readOnly, 'read-only access')
  const { id, before, after } = change
  if (before !== undefined && after !== undefined) {
    return refuse(CommentRefusalCode.immutable, 'comments cannot be edited')
  }
  if (after !== undefined) return reviewNewComment(actor, id, after, context)
  if (before === undefined) return null
  if (actor.role === 'facilitator') return null
  if (context.locked) return refuse(CommentRefusalCode.locked, 'the board is locked')
  return authorIdOf(before) === actor.userId
    ? null
    : refuse(CommentRefusalCode.notAuthor, 'only the author can delete this comment')
}

function reviewNewComment(
  actor: Actor,
  id: string,
  value: unknown,
  context: CommentPolicyContext,
): CommentRefusal | null {
  const parsed = BoardCommentSchema.safeParse(value)
  if (!parsed.success) {
    const first = parsed.error.issues[0]
    const where = first?.path.length ? `${first.path.join('.')}: ` : ''
    return refuse(CommentRefusalCode.invalid, `invalid comment: ${where}${first?.message ?? 'unknown problem'}`)
  }
  const comment: BoardComment = parsed.data
  if (comment.id !== id) return refuse(CommentRefusalCode.invalid, 'comment id does not match its key')
  if (comment.authorId !== actor.userId) {
    return refuse(CommentRefusalCode.forgedAuthor, 'a comment must be written in the writer’s own name')
  }
  if (comment.author !== actor.name) {
    return refuse(CommentRefusalCode.forgedAuthor, 'a comment must carry the writer’s own display name')
  }
  if (actor.role === 'participant' && context.locked) return refuse(CommentRefusalCode.locked, 'the board is locked')
  if (!context.ideaExists(comment.ideaId)) {
    return refuse(CommentRefusalCode.ideaNotFound, 'no idea card with this id on the board')
  }
  return null
}
