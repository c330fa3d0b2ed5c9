import { importRoutes } from '@pinnwand/shared/importRoutes'
import { defineFeature } from '../features/ServerFeature.ts'
import { registerBoardImportRoutes } from './boardImportRoutes.ts'
import { registerIdeaImportRoutes } from './ideaImportRoutes.ts'

/** Imports: idea lists onto a board, and whole boards from a JSON backup (with rounds and pictures). */
export const importFeature = defineFeature({
  name: 'import',
  openapi: importRoutes,
  routes(app, ctx) {
    registerIdeaImportRoutes(app, ctx)
    registerBoardImportRoutes(app, ctx)
  },
})
