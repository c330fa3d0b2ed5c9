import type * as Y from 'yjs'
import { BoardDoc } from './boardDocument.ts'
import { Limits } from './limits.ts'

/**
 * Comments on idea cards (docs/board-document.md, "Comments"). They live in the board's Yjs
 * document, but not in the card record: a record is last-writer-wins as a whole, so twenty
 * people commenting on one card at once would overwrite each other. Instead every comment is
 * its own entry of the root map `comments`, keyed by the comment id. Entries are written once
 * and never changed: adding and deleting are the only operations, so concurrent comments never
 * conflict and the map keeps no overwritten values.
 *
 * This module has no zod on purpose: the board page reads comments on every participant's
 * device, and zod would add ~30 kB gzip to its initial JavaScript. The HTTP schemas are in
 * comments.ts; a test keeps `parseComment` and `BoardCommentSchema` in agreement.
 */
export const COMMENTS_MAP = BoardDoc.comments

const COMMENT_ID_PREFIX = 'comment:'
const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
export const COMMENT_ID_PATTERN = /^comment:[A-Za-z0-9_-]{8,64}$/

/** One comment as stored in the document and returned by the API. */
export interface BoardComment {
  id: string
  /** The idea card (tldraw shape id) the comment belongs to. */
  ideaId: string
  /** Participant id (or facilitator id) of the writer; the server checks it. */
  authorId: string
  /** Display name of the writer at the time of writing; the server checks it. */
  author: string
  /** Non-blank plain text of at most `Limits.commentTextMax` characters (never HTML). */
  text: string
  /** Milliseconds since epoch, from the writer's clock. */
  createdAt: number
}

const COMMENT_KEYS = ['id', 'ideaId', 'authorId', 'author', 'text', 'createdAt'] as const

const isString = (value: unknown, max: number): value is string => typeof value === 'string' && value.length <= max

/** Whether `text` may be a comment's text: not blank, not too long. */
export function isValidCommentText(text: unknown): text is string {
  return isString(text, Limits.commentTextMax) && text.trim().length > 0
}

/** The root map of comments. Values are untrusted until parsed (any Yjs client can write). */
export function getCommentsMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(COMMENTS_MAP)
}

/** A valid comment, or null (anything else a stray client may have left in the map). */
export function parseComment(value: unknown): BoardComment | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null
  const v = value as Record<string, unknown>
  if (Object.keys(v).some((key) => !(COMMENT_KEYS as readonly string[]).includes(key))) return null
  if (!isString(v.id, 200) || !COMMENT_ID_PATTERN.test(v.id)) return null
  if (!isString(v.ideaId, 200) || !v.ideaId.startsWith('shape:')) return null
  if (!isString(v.authorId, 200) || v.authorId.length === 0) return null
  if (!isString(v.author, Limits.displayNameMax)) return null
  if (!isValidCommentText(v.text)) return null
  const createdAt = v.createdAt
  if (typeof createdAt !== 'number' || !Number.isSafeInteger(createdAt) || createdAt < 0) return null
  return { id: v.id, ideaId: v.ideaId, authorId: v.authorId, author: v.author, text: v.text, createdAt }
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
