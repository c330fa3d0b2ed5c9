import type * as Y from 'yjs'
import { z } from 'zod'
import { BoardDoc } from './boardDocument.ts'
import { Limits } from './limits.ts'

/**
 * Comments on idea cards (docs/board-document.md, "Comments"). They live in the board's Yjs
 * document, but not in the card record: a record is last-writer-wins as a whole, so twenty
 * people commenting on one card at once would overwrite each other. Instead every comment is
 * its own entry of the root map `comments`, keyed by the comment id. Entries are written once
 * and never changed: adding and deleting are the only operations, so concurrent comments never
 * conflict and the map keeps no overwritten values.
 */
export const COMMENTS_MAP = BoardDoc.comments

const COMMENT_ID_PREFIX = 'comment:'
const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

export const CommentId = z
  .string()
  .regex(/^comment:[A-Za-z0-9_-]{8,64}$/, 'comment ids look like comment:<8–64 letters>')

/** Non-blank plain text of at most `Limits.commentTextMax` characters (never HTML). */
export const CommentText = z
  .string()
  .max(Limits.commentTextMax)
  .refine((text) => text.trim().length > 0, 'text must not be empty')

/** One comment as stored in the document and returned by the API. */
export const BoardCommentSchema = z
  .object({
    id: CommentId,
    /** The idea card (tldraw shape id) the comment belongs to. */
    ideaId: z.string().startsWith('shape:').max(200),
    /** Participant id (or facilitator id) of the writer; the server checks it. */
    authorId: z.string().min(1).max(200),
    /** Display name of the writer at the time of writing; the server checks it. */
    author: z.string().max(Limits.displayNameMax),
    text: CommentText,
    /** Milliseconds since epoch, from the writer's clock. */
    createdAt: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  })
  .strict()
export type BoardComment = z.infer<typeof BoardCommentSchema>

/** `POST /api/boards/:boardId/ideas/:ideaId/comments`. */
export const CreateCommentBody = z.object({ text: CommentText }).strict()
export type CreateCommentBody = z.infer<typeof CreateCommentBody>

export interface CommentsResponse {
  comments: BoardComment[]
}

export interface CreateCommentResponse {
  comment: BoardComment
}

/** The root map of comments. Values are untrusted until parsed (any Yjs client can write). */
export function getCommentsMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(COMMENTS_MAP)
}

/** A valid comment, or null (anything else a stray client may have left in the map). */
export function parseComment(value: unknown): BoardComment | null {
  const result = BoardCommentSchema.safeParse(value)
  return result.success ? result.data : null
}

/** Oldest first; ties broken by id so every reader shows the same order. */
export function compareComments(a: BoardComment, b: BoardComment): number {
  return a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
}

/**
 * Every valid comment of a board document, oldest first — including comments whose card is
 * gone (a restore may bring the card back). Views and exports skip those themselves.
 * Snapshots/history: this and `replaceComments` are the way to read and restore comments.
 */
export function readComments(doc: Y.Doc): BoardComment[] {
  const comments: BoardComment[] = []
  for (const value of getCommentsMap(doc).values()) {
    const comment = parseComment(value)
    if (comment) comments.push(comment)
  }
  return comments.sort(compareComments)
}

/** Comments grouped by idea id, each thread oldest first. */
export function groupCommentsByIdea(comments: readonly BoardComment[]): Map<string, BoardComment[]> {
  const byIdea = new Map<string, BoardComment[]>()
  for (const comment of [...comments].sort(compareComments)) {
    const thread = byIdea.get(comment.ideaId)
    if (thread) thread.push(comment)
    else byIdea.set(comment.ideaId, [comment])
  }
  return byIdea
}

/**
 * Makes the document's comments exactly `comments` (import, snapshot restore). Entries that
 * are already there unchanged are left alone, so nothing is rewritten needlessly. Call it inside
 * the caller's transaction when other changes belong to the same step.
 */
export function replaceComments(doc: Y.Doc, comments: readonly BoardComment[]): void {
  const map = getCommentsMap(doc)
  const wanted = new Map(comments.map((comment) => [comment.id, comment]))
  doc.transact(() => {
    for (const key of [...map.keys()]) if (!wanted.has(key)) map.delete(key)
    for (const [id, comment] of wanted) {
      if (JSON.stringify(map.get(id)) !== JSON.stringify(comment)) map.set(id, { ...comment })
    }
  })
}

/** A fresh comment id (random, URL-safe; works in insecure contexts, unlike randomUUID). */
export function createCommentId(): string {
  const bytes = new Uint8Array(21)
  globalThis.crypto.getRandomValues(bytes)
  let id = COMMENT_ID_PREFIX
  for (const byte of bytes) id += ID_ALPHABET[byte % ID_ALPHABET.length]
  return id
}

/** A new comment by `author` on `ideaId`; `text` is trimmed. */
export function buildComment(input: {
  ideaId: string
  text: string
  author: { userId: string; name: string }
  now?: number
  id?: string
}): BoardComment {
  return {
    id: input.id ?? createCommentId(),
    ideaId: input.ideaId,
    authorId: input.author.userId,
    author: input.author.name,
    text: input.text.trim(),
    createdAt: Math.max(0, Math.round(input.now ?? Date.now())),
  }
}
