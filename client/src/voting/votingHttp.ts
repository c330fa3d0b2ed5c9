import { callApi } from '@pinnwand/shared/contract/callApi'
import type { AnyRoute, RouteInput, RouteResponse } from '@pinnwand/shared/contract/route'
import * as shortlistRoutes from '@pinnwand/shared/shortlistRoutes'
import type { CreateRoundBody } from '@pinnwand/shared/votingApi'
import * as routes from '@pinnwand/shared/votingRoutes'
import { ApiError } from '../api/apiClient.ts'

/** An API refusal that says when to try again (429 rate limit, 503 database busy). */
export class RetryableError extends ApiError {
  declare readonly retryAfterMs: number
  constructor(status: number, code: string, message: string, retryAfterMs: number) {
    super(status, code, message, retryAfterMs)
  }
}

/** Whether sending the same request again may succeed: network gone, server busy or restarting. */
export function isRetryable(error: unknown): boolean {
  return error instanceof RetryableError || !(error instanceof ApiError)
}

/** Busy, throttled or a proxy without its server: the same request may succeed shortly. */
const RETRY_STATUSES = new Set([429, 502, 503, 504])

/** Marks the refusals worth sending again as `RetryableError` (one second without retry-after). */
async function retryable<T>(call: Promise<T>): Promise<T> {
  try {
    return await call
  } catch (error) {
    if (!(error instanceof ApiError) || !RETRY_STATUSES.has(error.status)) throw error
    throw new RetryableError(error.status, error.code, error.message, error.retryAfterMs ?? 1000)
  }
}

/** One declared voting or shortlist route (shared/src/votingRoutes.ts, shortlistRoutes.ts), same origin. */
const send = <C extends AnyRoute>(route: C, input: RouteInput<C>): Promise<RouteResponse<C>> =>
  retryable(callApi(route, input))

export const votingApi = {
  openRound: (boardId: string, body: CreateRoundBody, token: string) =>
    send(routes.openRound, { params: { boardId }, body, token }),
  listRounds: (boardId: string, token: string) => send(routes.listRounds, { params: { boardId }, token }),
  castVote: (
    roundId: string,
    body: { ideaId: string; delta: 1 | -1; requestId: string; onBehalfOf?: string },
    token: string,
  ) => send(routes.castVote, { params: { roundId }, body, token }),
  myVotes: (roundId: string, token: string, onBehalfOf?: string) =>
    send(routes.myRoundVotes, { params: { roundId }, query: { onBehalfOf: onBehalfOf || undefined }, token }),
  results: (roundId: string, token: string) => send(routes.roundResults, { params: { roundId }, token }),
  close: (roundId: string, token: string) => send(routes.closeRound, { params: { roundId }, token }),
  reveal: (roundId: string, token: string) => send(routes.revealRound, { params: { roundId }, token }),
  pause: (roundId: string, token: string) => send(routes.pauseRound, { params: { roundId }, token }),
  resume: (roundId: string, token: string) => send(routes.resumeRound, { params: { roundId }, token }),
  extend: (roundId: string, seconds: number, token: string) =>
    send(routes.extendRound, { params: { roundId }, body: { seconds }, token }),
  proxies: (roundId: string, token: string) => send(routes.roundProxies, { params: { roundId }, token }),
  shortlist: (boardId: string, token: string) => send(shortlistRoutes.getShortlist, { params: { boardId }, token }),
  setShortlist: (boardId: string, ideaIds: string[], token: string) =>
    send(shortlistRoutes.replaceShortlist, { params: { boardId }, body: { ideaIds }, token }),
  promote: (boardId: string, roundId: string, top: number, token: string) =>
    send(shortlistRoutes.promoteToShortlist, { params: { boardId }, body: { roundId, top }, token }),
}
