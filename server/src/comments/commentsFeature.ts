import { commentRoutes } from '@pinnwand/shared/commentRoutes'
import { defineFeature } from '../features/ServerFeature.ts'
import { commentRoomGuard } from './commentRoomGuard.ts'
import { registerCommentRoutes } from './commentRoutes.ts'
import { commentsOnCards, toCommentInput } from './commentExport.ts'

/** Comments on idea cards: a root map of the board document, guarded, plus its routes. */
export const commentsFeature = defineFeature({
  name: 'comments',
  openapi: commentRoutes,
  roomGuards: [commentRoomGuard],
  routes: (app, ctx) => registerCommentRoutes(app, ctx),
  // Exports show the comments on the exported cards; the JSON backup keeps them as they are.
  boardDocument: (doc, records) => {
    const comments = commentsOnCards(doc, records)
    return { comments: comments.map(toCommentInput), backupComments: comments }
  },
})
