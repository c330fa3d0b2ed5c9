import type {
  AlsoAnswers,
  AnyRoute,
  RouteBody,
  RouteParams,
  RouteQuery,
  RouteReply,
} from '@pinnwand/shared/contract/route'
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify'
import type { z } from 'zod'
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

const otherAnswer = Symbol('otherAnswer')

/** One of the route's `alsoAnswers`, chosen by the handler: `return answer(202, { held })`. */
export interface OtherAnswer<S extends PropertyKey = PropertyKey, B = unknown> {
  readonly [otherAnswer]: true
  readonly status: S
  readonly body: B
}

/** Answers with another status the route declares in `alsoAnswers`, and that status's body. */
export const answer = <S extends PropertyKey, B>(status: S, body: B): OtherAnswer<S, B> => ({
  [otherAnswer]: true,
  status,
  body,
})

const isOtherAnswer = (value: unknown): value is OtherAnswer =>
  typeof value === 'object' && value !== null && otherAnswer in value

type OtherAnswers<C extends AnyRoute> = {
  [S in keyof AlsoAnswers<C>]: OtherAnswer<S, z.input<AlsoAnswers<C>[S]>>
}[keyof AlsoAnswers<C>]

/**
 * What a handler returns: the route's `response` (JSON), one of its `alsoAnswers`, or for a
 * route that `produces` files the file's bytes or stream (its headers set on `reply`).
 */
export type RouteHandler<C extends AnyRoute> = (
  call: RouteCall<C>,
) => Promise<
  (C extends { produces: readonly string[] } ? Buffer | NodeJS.ReadableStream : RouteReply<C>) | OtherAnswers<C>
>

export interface RegisterRouteOptions {
  /**
   * Checks every 2xx answer against the route's `response` schema and fails the request if it
   * drifted (500, logged). On under test (NODE_ENV=test), so a drift fails a test; off in
   * production, where it would only cost time.
   */
  checkResponses?: boolean
  /** Fastify's own options for this route (body limit, error handler). */
  fastify?: Pick<RouteShorthandOptions, 'bodyLimit' | 'errorHandler' | 'onSend' | 'config'>
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
  { checkResponses = process.env.NODE_ENV === 'test', fastify = {} }: RegisterRouteOptions = {},
): void {
  app.route({
    method: contract.method,
    url: contract.path,
    ...fastify,
    handler: async (request, reply) => {
      let body: { value: unknown } | undefined
      const result: unknown = await handler({
        params: parseBody(contract.params, request.params) as RouteParams<C>,
        query: (contract.query ? parseBody(contract.query, request.query) : undefined) as RouteQuery<C>,
        // A route without a body schema ignores whatever was sent, as the plain routes did; a
        // route that `consumes` raw bytes gets them as its scope's parser left them.
        body: () =>
          (contract.consumes
            ? request.body
            : contract.body
              ? (body ??= { value: parseBody(contract.body, request.body) }).value
              : undefined) as RouteBody<C>,
        request,
        reply,
      })
      const [status, payload] = isOtherAnswer(result) ? [Number(result.status), result.body] : [contract.status, result]
      const schema = status === contract.status ? contract.response : contract.alsoAnswers?.[status]
      if (!schema) throw new ResponseDrift(`${contract.operationId} answered ${status}, which it does not declare`)
      if (checkResponses && !contract.produces) {
        const checked = schema.safeParse(payload)
        if (!checked.success) {
          const problems = checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')
          throw new ResponseDrift(`${contract.operationId} answered outside its response schema: ${problems}`)
        }
      }
      reply.code(status)
      return status === 204 || status === 304 ? reply.send() : payload
    },
  })
}
