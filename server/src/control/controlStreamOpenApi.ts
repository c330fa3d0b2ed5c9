import { errors, type OpenApiPaths } from '../http/openapiTypes.ts'

/**
 * The status stream's part of the API description, hand-written: it answers server-sent events,
 * which a declared route (JSON in, JSON out) does not express. The control room's other routes
 * are declared in shared/src/controlRoutes.ts.
 */
export const controlStreamOpenApi: OpenApiPaths = {
  '/api/workshops/{workshopId}/status/stream': {
    get: {
      summary: 'The control room status as server-sent events (event: status), sent whenever it changes',
      auth: 'facilitator',
      responses: { '200': 'text/event-stream', ...errors },
    },
  },
}
