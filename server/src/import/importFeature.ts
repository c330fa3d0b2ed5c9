import { defineFeature } from '../features/ServerFeature.ts'
import { importOpenApi } from './importOpenApi.ts'
import { registerBoardImportRoutes } from './boardImportRoutes.ts'
import { registerIdeaImportRoutes } from './ideaImportRoutes.ts'

/** Imports: idea lists onto a board, and whole boards from a JSON backup (with rounds and pictures). */
export const importFeature = defineFeature({
  name: 'import',
  openapi: importOpenApi,
  routes(app, ctx) {
    registerIdeaImportRoutes(app, ctx)
    registerBoardImportRoutes(app, ctx)
  },
})
