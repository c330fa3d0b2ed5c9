import { shortlistRoutes } from '@pinnwand/shared/shortlistRoutes'
import { defineFeature } from '../features/ServerFeature.ts'
import { registerShortlistRoutes } from './shortlistRoutes.ts'

/** The board's shortlist, gathered into the workshop's plenary; kept in voting's store (VotingRounds). */
export const shortlistFeature = defineFeature({
  name: 'shortlist',
  openapi: shortlistRoutes,
  routes: (app, ctx) => registerShortlistRoutes(app, ctx),
})
