import { describe, expect, expectTypeOf, it } from 'vitest'
import { z } from 'zod'
import { castVote, extendRound, myRoundVotes, openRound } from '../votingRoutes.ts'
import { ApiError, callApi, routeRequest } from './callApi.ts'
import { defineRoute, type RouteResponse } from './route.ts'

/** A fetch that records the request and answers `response`. */
function fakeFetch(response: Response) {
  const calls: { url: string; init: RequestInit }[] = []
  const fetch = (async (url: string, init: RequestInit) => {
    calls.push({ url, init })
    return response
  }) as unknown as typeof globalThis.fetch
  return { fetch, calls }
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } })

describe('routeRequest', () => {
  it('fills in and encodes path parameters, adds the query, the JSON body and the token', () => {
    expect(routeRequest(castVote, { params: { roundId: 'r/1' }, body: { ideaId: 'i', delta: 1 }, token: 't' })).toEqual(
      {
        method: 'POST',
        path: '/api/rounds/r%2F1/votes',
        headers: { authorization: 'Bearer t', 'content-type': 'application/json' },
        body: '{"ideaId":"i","delta":1}',
      },
    )
    expect(routeRequest(myRoundVotes, { params: { roundId: 'r' }, query: { onBehalfOf: 'Anna B' } }).path).toBe(
      '/api/rounds/r/me?onBehalfOf=Anna+B',
    )
    expect(routeRequest(myRoundVotes, { params: { roundId: 'r' }, query: {} }).path).toBe('/api/rounds/r/me')
  })

  it('refuses a call without a path parameter instead of requesting a wrong path', () => {
    expect(() => routeRequest(castVote, { params: {} as never, body: { ideaId: 'i', delta: 1 } })).toThrow(
      /castVote: missing path parameter roundId/,
    )
  })
})

describe('callApi', () => {
  it('answers the typed body of a 2xx answer', async () => {
    const { fetch, calls } = fakeFetch(json(201, { roundId: 'r1' }))
    const answer = await callApi(
      openRound,
      { params: { boardId: 'b' }, body: { dotsPerParticipant: 3 }, token: 't' },
      { baseUrl: 'http://x', fetch },
    )
    expectTypeOf(answer).toEqualTypeOf<RouteResponse<typeof openRound>>()
    expect(answer).toEqual({ roundId: 'r1' })
    expect(calls[0]!.url).toBe('http://x/api/boards/b/rounds')
    expect(calls[0]!.init.method).toBe('POST')
  })

  it('throws ApiError with the status, code, message and retry-after of a refusal', async () => {
    const refusal = json(409, { error: { code: 'budget_exhausted', message: 'All your dots are placed.' } })
    const error = await callApi(
      castVote,
      { params: { roundId: 'r' }, body: { ideaId: 'i', delta: 1 } },
      { fetch: fakeFetch(refusal).fetch },
    ).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({ status: 409, code: 'budget_exhausted', message: 'All your dots are placed.' })

    const busy = json(503, { error: { code: 'unavailable', message: 'busy' } }, { 'retry-after': '5' })
    await expect(
      callApi(extendRound, { params: { roundId: 'r' }, body: {} }, { fetch: fakeFetch(busy).fetch }),
    ).rejects.toMatchObject({ status: 503, code: 'unavailable', retryAfterMs: 5000 })
  })

  it('gives a refusal without the error shape its status and http_error', async () => {
    const proxy = new Response('Bad Gateway', { status: 502, statusText: 'Bad Gateway' })
    await expect(
      callApi(
        castVote,
        { params: { roundId: 'r' }, body: { ideaId: 'i', delta: 1 } },
        { fetch: fakeFetch(proxy).fetch },
      ),
    ).rejects.toMatchObject({ status: 502, code: 'http_error', message: 'Bad Gateway', retryAfterMs: undefined })
  })

  it('answers undefined for 204', async () => {
    const remove = defineRoute({
      operationId: 'remove',
      method: 'DELETE',
      path: '/things/:id',
      summary: 'test',
      auth: 'facilitator',
      status: 204,
      response: z.undefined(),
    })
    const { fetch, calls } = fakeFetch(new Response(null, { status: 204 }))
    expect(await callApi(remove, { params: { id: '1' } }, { fetch })).toBeUndefined()
    expect(calls[0]!.init).toMatchObject({ method: 'DELETE', body: undefined })
  })
})
