import { z } from 'zod'
import { CommentsResponse, CreateCommentBody, CreateCommentResponse } from './comments.ts'
import { defineRoute } from './contract/route.ts'
import { ErrorCode } from './errorCodes.ts'

/** The comments API, declared once (server: server/src/comments/commentRoutes.ts). */

export const listComments = defineRoute({
  operationId: 'listComments',
  method: 'GET',
  path: '/api/boards/:boardId/ideas/:ideaId/comments',
  summary: 'The comment thread of an idea card, oldest first',
  auth: 'any',
  status: 200,
  response: CommentsResponse,
  errors: { 404: [ErrorCode.boardNotFound, ErrorCode.ideaNotFound] },
})

export const createComment = defineRoute({
  operationId: 'createComment',
  method: 'POST',
  path: '/api/boards/:boardId/ideas/:ideaId/comments',
  summary: 'Comment on an idea card (appears live)',
  auth: 'participant',
  body: CreateCommentBody,
  status: 201,
  response: CreateCommentResponse,
  errors: { 404: [ErrorCode.boardNotFound, ErrorCode.ideaNotFound], 409: [ErrorCode.boardLocked] },
})

export const deleteComment = defineRoute({
  operationId: 'deleteComment',
  method: 'DELETE',
  path: '/api/boards/:boardId/comments/:commentId',
  summary: 'Delete a comment (participants: their own; facilitator: any)',
  auth: 'participant',
  status: 204,
  response: z.undefined(),
  errors: { 404: [ErrorCode.boardNotFound, ErrorCode.commentNotFound], 409: [ErrorCode.boardLocked] },
})

/** Every comments route, for the server and the API description. */
export const commentRoutes = [listComments, createComment, deleteComment] as const
