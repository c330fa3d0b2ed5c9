import { boardRoutes } from '@pinnwand/shared/boardRoutes'
import { ideaRoutes } from '@pinnwand/shared/ideaRoutes'
import { systemRoutes } from '@pinnwand/shared/systemRoutes'
import { workshopRoutes } from '@pinnwand/shared/workshopRoutes'
import type { AnyRoute } from '@pinnwand/shared/contract/route'
import { z } from 'zod'
import type { ApiDescription, OpenApiPaths } from './openapiTypes.ts'
import { errorSchema, openApiPath, routeOperation } from './routeOpenApi.ts'

const isRouteList = (part: ApiDescription): part is readonly AnyRoute[] => Array.isArray(part)

/** The OpenAPI paths a part of the description covers (a path with GET and POST counts once). */
export const describedPaths = (part: ApiDescription): string[] =>
  isRouteList(part) ? [...new Set(part.map((route) => openApiPath(route.path)))] : Object.keys(part)

/**
 * Builds the OpenAPI 3.1 document: declared routes (shared/src/contract/route.ts) with their
 * request and response schemas, hand-written `Operation`s with their request schemas, side by
 * side while routes are converted feature by feature.
 */
export function buildOpenApiDocument(version: string, descriptions: readonly ApiDescription[] = []) {
  const paths: Record<string, Record<string, unknown>> = {}
  const parts = [systemRoutes, workshopRoutes, boardRoutes, ideaRoutes, ...descriptions]
  for (const route of parts.filter(isRouteList).flat()) {
    ;(paths[openApiPath(route.path)] ??= {})[route.method.toLowerCase()] = routeOperation(route)
  }
  const described = parts
    .filter((part): part is OpenApiPaths => !isRouteList(part))
    .flatMap((part) => Object.entries(part))
  for (const [path, methods] of described) {
    const parameters = [...path.matchAll(/\{(\w+)\}/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }))
    paths[path] ??= {}
    for (const [method, op] of Object.entries(methods)) {
      const query = Object.entries(op.query ?? {}).map(([name, values]) => ({
        name,
        in: 'query',
        required: true,
        schema: { type: 'string', enum: values.split('|') },
      }))
      paths[path][method] = {
        summary: op.summary,
        ...(parameters.length + query.length > 0 ? { parameters: [...parameters, ...query] } : {}),
        ...(op.auth && op.auth !== 'none' ? { security: [{ bearer: [] }], 'x-role': op.auth } : {}),
        ...(op.body
          ? {
              requestBody: {
                required: true,
                content: { 'application/json': { schema: z.toJSONSchema(op.body, { io: 'input' }) } },
              },
            }
          : {}),
        ...(op.binaryBody
          ? {
              requestBody: {
                required: true,
                content: Object.fromEntries(
                  op.binaryBody.map((type) => [type, { schema: { type: 'string', format: 'binary' } }]),
                ),
              },
            }
          : {}),
        responses: Object.fromEntries(
          Object.entries(op.responses).map(([status, description]) => [
            status,
            status.startsWith('2')
              ? { description }
              : { description, content: { 'application/json': { schema: errorSchema() } } },
          ]),
        ),
      }
    }
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
