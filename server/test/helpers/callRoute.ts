import { routeRequest } from '@pinnwand/shared/contract/callApi'
import type { AnyRoute, RouteInput, RouteResponse } from '@pinnwand/shared/contract/route'
import type { ApiResponse } from './testServer.ts'

type Refusal = { error?: { code: string; message: string; details?: unknown } }

/** The body a test reads: the route's answer or a refusal (a 204 route has only the latter). */
export type RouteAnswer<C extends AnyRoute> = [RouteResponse<C>] extends [undefined]
  ? Refusal
  : RouteResponse<C> & Refusal

/**
 * Calls a declared route (shared/src/contract/route.ts) and answers the status and body
 * whatever they are, for tests that assert refusals as well as answers. Input the schemas
 * would refuse is passed `as never`: the server must refuse it, not the client. Raw bytes go
 * out with their content type (an upload); a file answer comes back as a Blob, anything else
 * as parsed JSON, or as text when it is none.
 */
export async function callRoute<C extends AnyRoute>(
  baseUrl: string,
  route: C,
  input: RouteInput<C>,
): Promise<ApiResponse<RouteAnswer<C>>> {
  const wire = routeRequest(route, input)
  const response = await fetch(baseUrl + wire.path, { method: wire.method, headers: wire.headers, body: wire.body })
  if (route.produces && response.ok) {
    return { status: response.status, body: (await response.blob()) as never, headers: response.headers }
  }
  const text = await response.text()
  let parsed: unknown = text
  try {
    parsed = JSON.parse(text)
  } catch {
    // Non-JSON answers stay text, so a test can assert they never happen.
  }
  return { status: response.status, body: parsed as RouteAnswer<C>, headers: response.headers }
}
