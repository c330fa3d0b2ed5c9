import { z } from 'zod'

/*
 * A route declared once: method, path, schemas and error codes in one object that the server
 * registers (server/src/http/registerRoute.ts), the API description is generated from
 * (server/src/http/openapi.ts) and the typed client calls (./callApi.ts). docs/architecture.md,
 * "Routes declared once".
 */

/** Who may call a route: no token, any valid token, or a token of at least this role. */
export const RouteAuth = {
  none: 'none',
  any: 'any',
  participant: 'participant',
  facilitator: 'facilitator',
} as const
export type RouteAuth = (typeof RouteAuth)[keyof typeof RouteAuth]

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
export type SuccessStatus = 200 | 201 | 202 | 204

/** The names of a path's `:name` segments, e.g. `'roundId'` for `/api/rounds/:roundId/votes`. */
export type PathParamNames<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | PathParamNames<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : never

/** What `defineRoute` is given. */
export interface RouteSpec<Path extends string = string> {
  /** Unique across the API; the typed client's and the OpenAPI document's name for it. */
  readonly operationId: string
  readonly method: HttpMethod
  /** Fastify's syntax: `/api/rounds/:roundId/votes`. */
  readonly path: Path
  readonly summary: string
  readonly auth: RouteAuth
  /** Path parameters; without it every `:name` is a string. */
  readonly params?: z.ZodType
  readonly query?: z.ZodType
  readonly body?: z.ZodType
  readonly status: SuccessStatus
  /**
   * What a successful call answers; checked against every 2xx answer in tests. With `produces`
   * the answer is a file, and this is `z.unknown()`.
   */
  readonly response: z.ZodType
  /**
   * Other answers the handler may choose instead (server: `answer(status, body)`), each with its
   * body, e.g. `{ 202: HeldIdeaResponse }` for a card that waits in the moderation inbox.
   */
  readonly alsoAnswers?: Readonly<Partial<Record<number, z.ZodType>>>
  /** The request body is not JSON but raw bytes of one of these content types (an uploaded picture). */
  readonly consumes?: readonly string[]
  /** The answer is a file of one of these content types, not JSON (an export). */
  readonly produces?: readonly string[]
  /**
   * The route's own refusals by status, beyond what every route may answer (400 for bad input,
   * 401/403/410 for tokens), e.g. `{ 409: ['budget_exhausted'] }`.
   */
  readonly errors?: Readonly<Partial<Record<number, readonly string[]>>>
}

type DefaultParams<Path extends string> = z.ZodObject<{ [K in PathParamNames<Path>]: z.ZodString }>

/** A declared route: its spec with the path parameters' schema always present. */
export type RouteContract<S extends RouteSpec = RouteSpec> = Omit<S, 'params'> & {
  readonly params: S extends { params: infer P extends z.ZodType } ? P : DefaultParams<S['path']>
}

/** Any declared route (what the server adapter, the OpenAPI builder and the client accept). */
export type AnyRoute = RouteSpec & { readonly params: z.ZodType }

const pathParamNames = (path: string): string[] => [...path.matchAll(/:(\w+)/g)].map((m) => m[1]!)

/** Declares a route; its types (params, query, body, response) are inferred from the schemas. */
export function defineRoute<const S extends RouteSpec>(spec: S): RouteContract<S> {
  const params =
    spec.params ?? z.object(Object.fromEntries(pathParamNames(spec.path).map((name) => [name, z.string()])))
  return { ...spec, params } as unknown as RouteContract<S>
}

/** The parsed path parameters, query and body a handler gets. */
export type RouteParams<C extends AnyRoute> = z.output<C['params']>
export type RouteQuery<C extends AnyRoute> = C extends { query: infer Q extends z.ZodType } ? z.output<Q> : undefined
export type RouteBody<C extends AnyRoute> = C extends { consumes: readonly string[] }
  ? Uint8Array
  : C extends { body: infer B extends z.ZodType }
    ? z.output<B>
    : undefined
/** The bodies of a route's `alsoAnswers`, by status. */
export type AlsoAnswers<C extends AnyRoute> = C extends { alsoAnswers: infer A }
  ? { [S in keyof A]: A[S] extends z.ZodType ? A[S] : never }
  : Record<never, never>
/** What the handler returns (before JSON) and what the client gets back (after). */
export type RouteReply<C extends AnyRoute> = z.input<C['response']>
export type RouteResponse<C extends AnyRoute> = C extends { produces: readonly string[] }
  ? Blob
  : z.output<C['response']> | { [S in keyof AlsoAnswers<C>]: z.output<AlsoAnswers<C>[S]> }[keyof AlsoAnswers<C>]

/** What a caller passes: the parameters, query and body as the schemas accept them. */
export type RouteInput<C extends AnyRoute> = (PathParamNames<C['path']> extends never
  ? { params?: z.input<C['params']> }
  : { params: z.input<C['params']> }) &
  (C extends { query: infer Q extends z.ZodType } ? { query?: z.input<Q> } : { query?: undefined }) &
  (C extends { consumes: readonly string[] }
    ? { body: Blob | Uint8Array; contentType: string }
    : C extends { body: infer B extends z.ZodType }
      ? { body: z.input<B> }
      : { body?: undefined }) & {
    /** The bearer token (facilitator, participant or projector). */
    token?: string
  }

/** The path with its parameters filled in, each URL-encoded. */
export function routePath(contract: AnyRoute, params: Record<string, unknown> | undefined): string {
  return contract.path.replace(/:(\w+)/g, (_, name: string) => {
    const value = params?.[name]
    if (value === undefined || value === null)
      throw new Error(`${contract.operationId}: missing path parameter ${name}`)
    return encodeURIComponent(String(value))
  })
}
