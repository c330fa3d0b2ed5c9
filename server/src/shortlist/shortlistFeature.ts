import { shortlistRoutes } from '@pinnwand/shared/shortlistRoutes'
import { defineFeature } from '../features/ServerFeature.ts'
import { registerShortlistRoutes } from './shortlistRoutes.ts'
import { shortlist } from './migrations/0005_shortlist.ts'

/** The board's shortlist, gathered into the workshop's plenary; kept in voting's store (VotingRounds). */
export const shortlistFeature = defineFeature({
  name: 'shortlist',
  // After voting's 0003 by name: it adds a column to voting_rounds.
  migrations: () => ({ '0005_shortlist': shortlist }),
  openapi: shortlistRoutes,
  routes: (app, ctx) => registerShortlistRoutes(app, ctx),
})
