import { ErrorCode } from '@pinnwand/shared'
import type { AnyRoute } from '@pinnwand/shared/contract/route'
import { z } from 'zod'

/** The `{ error: { code, message } }` body of every refusal; `codes` narrows `code` to those. */
export const errorSchema = (codes?: readonly string[]) => ({
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: { code: { type: 'string', ...(codes ? { enum: codes } : {}) }, message: { type: 'string' } },
    },
  },
})

type JsonSchema = { properties?: Record<string, unknown>; required?: string[] }

/** `/api/rounds/:roundId` → `/api/rounds/{roundId}`. */
export const openApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}')

/** Each property of an object schema as one parameter `in` the path or the query. */
function parameters(schema: z.ZodType, where: 'path' | 'query') {
  const json = z.toJSONSchema(schema, { io: 'input' }) as JsonSchema
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    schema: property,
  }))
}

/**
 * Every refusal a route may give by status: its own, 400 when it reads input, and what a token
 * may earn (401 missing or wrong, 403 not allowed, 410 workshop deleted).
 */
function refusals(route: AnyRoute): Map<number, string[]> {
  const byStatus = new Map<number, string[]>()
  const add = (status: number, codes: readonly string[]) =>
    byStatus.set(status, [...new Set([...(byStatus.get(status) ?? []), ...codes])])
  if (route.body || route.query || route.consumes) add(400, [ErrorCode.validationFailed])
  if (route.auth !== 'none') {
    add(401, [ErrorCode.unauthorized])
    add(403, [ErrorCode.forbidden])
    add(410, [ErrorCode.workshopDeleted])
  }
  for (const [status, codes] of Object.entries(route.errors ?? {})) add(Number(status), codes ?? [])
  return new Map([...byStatus].sort(([a], [b]) => a - b))
}

const binary = { type: 'string', format: 'binary' }

/** A successful answer: its JSON schema (as input: the fields it has, without claiming no others), a file, or nothing. */
function successResponse(route: AnyRoute, status: number, schema: z.ZodType) {
  if (status === 204 || status === 304) return { description: route.summary }
  const content = route.produces
    ? Object.fromEntries(route.produces.map((type) => [type, { schema: binary }]))
    : { 'application/json': { schema: z.toJSONSchema(schema, { io: 'input' }) } }
  return { description: route.summary, content }
}

/** The request body: JSON with its schema, or raw bytes of the content types the route `consumes`. */
function requestBody(route: AnyRoute) {
  if (route.consumes) {
    return {
      required: true,
      content: Object.fromEntries(route.consumes.map((type) => [type, { schema: binary }])),
    }
  }
  const body = route.body
  if (!body) return undefined
  return {
    required: !body.safeParse(undefined).success,
    content: { 'application/json': { schema: z.toJSONSchema(body, { io: 'input' }) } },
  }
}

/** One declared route as an OpenAPI 3.1 operation: id, security, request and response schemas. */
export function routeOperation(route: AnyRoute) {
  const body = requestBody(route)
  const successes: [number, z.ZodType][] = [
    [route.status, route.response],
    ...Object.entries(route.alsoAnswers ?? {}).map(([status, schema]): [number, z.ZodType] => [
      Number(status),
      schema!,
    ]),
  ]
  return {
    operationId: route.operationId,
    summary: route.summary,
    ...(route.auth !== 'none' ? { security: [{ bearer: [] }], 'x-role': route.auth } : { security: [] }),
    parameters: [...parameters(route.params, 'path'), ...(route.query ? parameters(route.query, 'query') : [])],
    ...(body ? { requestBody: body } : {}),
    responses: {
      ...Object.fromEntries(
        successes.map(([status, schema]) => [String(status), successResponse(route, status, schema)]),
      ),
      ...Object.fromEntries(
        [...refusals(route)].map(([status, codes]) => [
          String(status),
          { description: codes.join(' | '), content: { 'application/json': { schema: errorSchema(codes) } } },
        ]),
      ),
    },
  }
}
