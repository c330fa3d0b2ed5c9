import { boardRoutes } from '@pinnwand/shared/boardRoutes'
import { ideaRoutes } from '@pinnwand/shared/ideaRoutes'
import { systemRoutes } from '@pinnwand/shared/systemRoutes'
import { workshopRoutes } from '@pinnwand/shared/workshopRoutes'
import type { AnyRoute } from '@pinnwand/shared/contract/route'
import { openApiPath, routeOperation } from './routeOpenApi.ts'

/** A part of the API description: a feature's declared routes (features/ServerFeature.ts, `openapi`). */
export type ApiDescription = readonly AnyRoute[]

/** The OpenAPI paths a list of routes covers (a path with GET and POST counts once). */
export const describedPaths = (routes: ApiDescription): string[] => [
  ...new Set(routes.map((route) => openApiPath(route.path))),
]

/**
 * Builds the OpenAPI 3.1 document from the declared routes (shared/src/contract/route.ts): the
 * core's and each feature's `openapi`, every operation with its id, security, request and
 * response schemas and its errors.
 */
export function buildOpenApiDocument(version: string, descriptions: readonly ApiDescription[] = []) {
  const paths: Record<string, Record<string, unknown>> = {}
  for (const route of [systemRoutes, workshopRoutes, boardRoutes, ideaRoutes, ...descriptions].flat()) {
    ;(paths[openApiPath(route.path)] ??= {})[route.method.toLowerCase()] = routeOperation(route)
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Pinnwand API', version: `1 (server ${version})` },
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description:
            'Facilitator, participant or projector token; on the WebSocket as the subprotocol ' +
            'pinnwand.token.<token> (offered after pinnwand) or ?token=',
        },
      },
    },
    paths,
    'x-websocket': {
      path: '/ws/{boardId}',
      auth: 'Sec-WebSocket-Protocol: pinnwand, pinnwand.token.{token} (the server answers pinnwand), or ?token={token}',
      protocol: 'y-websocket (y-protocols sync + awareness)',
      closeCodes: {
        4401: 'no/invalid token',
        4403: 'not allowed',
        4404: 'unknown board',
        4400: 'malformed message',
        4422: 'forbidden write',
        4410: 'workshop deleted',
        4429: 'table full (participant limit reached)',
      },
    },
  }
}
