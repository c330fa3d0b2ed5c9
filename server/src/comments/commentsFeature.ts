import { defineFeature } from '../features/ServerFeature.ts'
import { commentsOpenApi } from './commentsOpenApi.ts'
import { commentRoomGuard } from './commentRoomGuard.ts'
import { registerCommentRoutes } from './commentRoutes.ts'

/** Comments on idea cards: a root map of the board document, guarded, plus its routes. */
export const commentsFeature = defineFeature({
  name: 'comments',
  openapi: commentsOpenApi,
  roomGuards: [commentRoomGuard],
  routes: (app, ctx) => registerCommentRoutes(app, ctx),
})
