import { controlRoutes } from '@pinnwand/shared/controlRoutes'
import { ApiDescriptions } from '../features/coreHooks.ts'
import { defineFeature } from '../features/ServerFeature.ts'
import { controlStreamOpenApi } from './controlStreamOpenApi.ts'
import { registerControlRoutes } from './controlRoutes.ts'

/** The control room: every table's status (also as a stream), messages, "done", bulk actions. */
export const controlFeature = defineFeature({
  name: 'control',
  openapi: controlRoutes,
  // The status stream (server-sent events) is no declared route: its description is contributed
  // beside them, to the same hook createServer gives `openapi` to.
  start({ services }) {
    services.contribute(ApiDescriptions, controlStreamOpenApi)
  },
  routes(app, ctx) {
    const stop = registerControlRoutes(app, ctx)
    app.addHook('onClose', async () => stop())
  },
})
