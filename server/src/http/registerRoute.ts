import type { AnyRoute, RouteBody, RouteParams, RouteQuery, RouteReply } from '@pinnwand/shared/contract/route'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { parseBody } from './errors.ts'

/** What a route's handler gets: the checked path parameters and query, and its body on demand. */
export interface RouteCall<C extends AnyRoute> {
  params: RouteParams<C>
  query: RouteQuery<C>
  /**
   * The checked body (400 `validation_failed` otherwise). Read when the handler asks, so that
   * its own 401/403/404 answers keep coming before a complaint about the body, as they did.
   */
  body(): RouteBody<C>
  request: FastifyRequest
  reply: FastifyReply
}

export type RouteHandler<C extends AnyRoute> = (call: RouteCall<C>) => Promise<RouteReply<C>>

export interface RegisterRouteOptions {
  /**
   * Checks every 2xx answer against the route's `response` schema and fails the request if it
   * drifted (500, logged). On under test (NODE_ENV=test), so a drift fails a test; off in
   * production, where it would only cost time.
   */
  checkResponses?: boolean
}

/** A 2xx answer its route's `response` schema refuses: the contract and the code disagree. */
export class ResponseDrift extends Error {}

/**
 * Registers a declared route (shared/src/contract/route.ts): method and path from the contract,
 * params/query/body parsed with its schemas, the handler's answer typed by its `response` and
 * sent with its `status`.
 */
export function registerRoute<C extends AnyRoute>(
  app: FastifyInstance,
  contract: C,
  handler: RouteHandler<C>,
  { checkResponses = process.env.NODE_ENV === 'test' }: RegisterRouteOptions = {},
): void {
  app.route({
    method: contract.method,
    url: contract.path,
    handler: async (request, reply) => {
      let body: { value: unknown } | undefined
      const answer = await handler({
        params: parseBody(contract.params, request.params) as RouteParams<C>,
        query: (contract.query ? parseBody(contract.query, request.query) : undefined) as RouteQuery<C>,
        // A route without a body schema ignores whatever was sent, as the plain routes did.
        body: () =>
          (contract.body
            ? (body ??= { value: parseBody(contract.body, request.body) }).value
            : undefined) as RouteBody<C>,
        request,
        reply,
      })
      if (checkResponses) {
        const checked = contract.response.safeParse(answer)
        if (!checked.success) {
          const problems = checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')
          throw new ResponseDrift(`${contract.operationId} answered outside its response schema: ${problems}`)
        }
      }
      reply.code(contract.status)
      return contract.status === 204 ? reply.send() : answer
    },
  })
}
