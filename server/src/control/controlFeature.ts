import { controlRoutes } from '@pinnwand/shared/controlRoutes'
import { defineFeature } from '../features/ServerFeature.ts'
import { registerControlRoutes } from './controlRoutes.ts'

/** The control room: every table's status (also as a stream), messages, "done", bulk actions. */
export const controlFeature = defineFeature({
  name: 'control',
  openapi: controlRoutes,
  routes(app, ctx) {
    const stop = registerControlRoutes(app, ctx)
    app.addHook('onClose', async () => stop())
  },
})
