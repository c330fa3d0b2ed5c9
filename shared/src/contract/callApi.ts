import type { ApiErrorBody } from '../errorCodes.ts'
import { type AnyRoute, type RouteInput, type RouteResponse, routePath } from './route.ts'

/** A refused call: the HTTP status and the `{ error: { code, message } }` of the answer. */
export class ApiError extends Error {
  readonly status: number
  readonly code: string
  /** Seconds from `retry-after` in ms (429 and 503 answers), when given. */
  readonly retryAfterMs: number | undefined
  constructor(status: number, code: string, message: string, retryAfterMs?: number) {
    super(message)
    this.status = status
    this.code = code
    this.retryAfterMs = retryAfterMs
  }
}

/** One request as it goes on the wire; for callers with their own transport (the bench's node:http). */
export interface WireRequest {
  method: string
  /** Path and query string, to append to the server's base URL. */
  path: string
  headers: Record<string, string>
  /** JSON text; the raw bytes for a route that `consumes` them. */
  body: string | Blob | Uint8Array<ArrayBuffer> | undefined
}

/** Builds the request of one call from its route: path parameters filled in, query, JSON body, token. */
export function routeRequest<C extends AnyRoute>(contract: C, input: RouteInput<C>): WireRequest {
  const { params, query, body, token, contentType } = input as {
    params?: Record<string, unknown>
    query?: Record<string, unknown>
    body?: unknown
    token?: string
    contentType?: string
  }
  // Built only for a query: the bench sends tens of thousands of taps through here.
  const search = query ? new URLSearchParams() : undefined
  for (const [name, value] of Object.entries(query ?? {})) if (value !== undefined) search?.set(name, String(value))
  const headers: Record<string, string> = {}
  if (token) headers.authorization = `Bearer ${token}`
  const raw = contract.consumes !== undefined
  if (body !== undefined)
    headers['content-type'] = raw ? (contentType ?? 'application/octet-stream') : 'application/json'
  return {
    method: contract.method,
    path: routePath(contract, params) + (search && search.size > 0 ? `?${search}` : ''),
    headers,
    body: body === undefined ? undefined : raw ? (body as Blob | Uint8Array<ArrayBuffer>) : JSON.stringify(body),
  }
}

export interface CallOptions {
  /** The server, e.g. `http://127.0.0.1:3000`; empty in the browser (same origin). */
  baseUrl?: string
  /** Defaults to the global fetch at call time (so a test's stub is used). */
  fetch?: typeof fetch
}

/**
 * Calls one route and answers its typed body (undefined for 204, a Blob for a file); throws `ApiError` with the
 * status and error code for any other answer. Network failures are thrown as fetch throws them.
 */
export async function callApi<C extends AnyRoute>(
  contract: C,
  input: RouteInput<C>,
  options: CallOptions = {},
): Promise<RouteResponse<C>> {
  const wire = routeRequest(contract, input)
  const response = await (options.fetch ?? fetch)(`${options.baseUrl ?? ''}${wire.path}`, {
    method: wire.method,
    headers: wire.headers,
    body: wire.body,
  })
  if (!response.ok) throw await apiErrorOf(response)
  if (response.status === 204) return undefined as RouteResponse<C>
  if (contract.produces) return (await response.blob()) as RouteResponse<C>
  return (await response.json()) as RouteResponse<C>
}

/** The error of a refused answer; a body that is not the API's error shape still gives its status. */
export async function apiErrorOf(response: Response): Promise<ApiError> {
  const body = (await response.json().catch(() => null)) as ApiErrorBody | null
  const seconds = Number(response.headers.get('retry-after'))
  return new ApiError(
    response.status,
    body?.error?.code ?? 'http_error',
    body?.error?.message ?? response.statusText,
    Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined,
  )
}
