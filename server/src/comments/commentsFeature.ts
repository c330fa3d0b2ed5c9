import { defineFeature } from '../features/ServerFeature.ts'
import { commentRoomGuard } from './commentRoomGuard.ts'
import { registerCommentRoutes } from './commentRoutes.ts'

/** Comments on idea cards: a root map of the board document, guarded, plus its routes. */
export const commentsFeature = defineFeature({
  name: 'comments',
  roomGuards: [commentRoomGuard],
  routes: (app, ctx) => registerCommentRoutes(app, ctx),
})
