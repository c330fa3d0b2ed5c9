import { routeRequest } from '@pinnwand/shared/contract/callApi'
import type { AnyRoute, RouteInput, RouteResponse } from '@pinnwand/shared/contract/route'
import { api, type ApiResponse } from './testServer.ts'

/**
 * Calls a declared route (shared/src/contract/route.ts) and answers the status and body
 * whatever they are, for tests that assert refusals as well as answers. Input the schemas
 * would refuse is passed `as never`: the server must refuse it, not the client.
 */
export function callRoute<C extends AnyRoute>(
  baseUrl: string,
  route: C,
  input: RouteInput<C>,
): Promise<ApiResponse<RouteResponse<C> & { error?: { code: string; message: string } }>> {
  const wire = routeRequest(route, input)
  return api(baseUrl, wire.method, wire.path, { token: input.token, body: wire.body })
}
