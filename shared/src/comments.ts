import { z } from 'zod'
import { type BoardComment, COMMENT_ID_PATTERN, isValidCommentText } from './commentDocument.ts'
import { Limits } from './limits.ts'

/** Comments in the board document (zod-free, also used by the web app) and their HTTP schemas. */
export * from './commentDocument.ts'

export const CommentId = z.string().regex(COMMENT_ID_PATTERN, 'comment ids look like comment:<8–64 letters>')

/** Non-blank plain text of at most `Limits.commentTextMax` characters (never HTML). */
export const CommentText = z
  .string()
  .max(Limits.commentTextMax)
  .refine((text) => isValidCommentText(text), 'text must not be empty')

/** One comment as stored in the document (see `parseComment`, which must agree with it). */
export const BoardCommentSchema = z
  .object({
    id: CommentId,
    ideaId: z.string().startsWith('shape:').max(200),
    authorId: z.string().min(1).max(200),
    author: z.string().max(Limits.displayNameMax),
    text: CommentText,
    createdAt: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  })
  .strict() satisfies z.ZodType<BoardComment>

/** `POST /api/boards/:boardId/ideas/:ideaId/comments`. */
export const CreateCommentBody = z.object({ text: CommentText }).strict()
export type CreateCommentBody = z.infer<typeof CreateCommentBody>

export const CommentsResponse = z.object({ comments: z.array(BoardCommentSchema) })
export type CommentsResponse = z.infer<typeof CommentsResponse>

export const CreateCommentResponse = z.object({ comment: BoardCommentSchema })
export type CreateCommentResponse = z.infer<typeof CreateCommentResponse>
