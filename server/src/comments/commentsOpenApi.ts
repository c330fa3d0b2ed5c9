import { CreateCommentBody } from '@pinnwand/shared'
import { errors, type OpenApiPaths } from '../http/openapiTypes.ts'

/** The comments feature's part of the API description (/api/openapi.json). */
export const commentsOpenApi: OpenApiPaths = {
  '/api/boards/{boardId}/ideas/{ideaId}/comments': {
    get: {
      summary: 'The comment thread of an idea card, oldest first',
      auth: 'any',
      responses: { '200': 'comments', '404': 'idea_not_found', ...errors },
    },
    post: {
      summary: 'Comment on an idea card (appears live)',
      auth: 'participant',
      body: CreateCommentBody,
      responses: { '201': 'comment', '404': 'idea_not_found', '409': 'board_locked', ...errors },
    },
  },
  '/api/boards/{boardId}/comments/{commentId}': {
    delete: {
      summary: 'Delete a comment (participants: their own; facilitator: any)',
      auth: 'participant',
      responses: { '204': 'deleted', '404': 'comment_not_found', '409': 'board_locked', ...errors },
    },
  },
}
