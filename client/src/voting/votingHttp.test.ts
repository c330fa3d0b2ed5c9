import { afterEach, describe, expect, it, vi } from 'vitest'
import { ApiError } from '../api/apiClient.ts'
import { isRetryable, RetryableError, votingApi } from './votingHttp.ts'

const answer = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  vi.fn(async () => new Response(JSON.stringify(body), { status, headers }))

afterEach(() => vi.unstubAllGlobals())

describe('votingApi', () => {
  it('sends a tap as the declared route says and answers its body', async () => {
    const fetch = answer(200, { myVotes: { i1: 1 }, remaining: 2 })
    vi.stubGlobal('fetch', fetch)
    const result = await votingApi.castVote('r 1', { ideaId: 'i1', delta: 1, requestId: 'q' }, 'tok')
    expect(result).toEqual({ myVotes: { i1: 1 }, remaining: 2 })
    expect(fetch).toHaveBeenCalledWith('/api/rounds/r%201/votes', {
      method: 'POST',
      headers: { authorization: 'Bearer tok', 'content-type': 'application/json' },
      body: '{"ideaId":"i1","delta":1,"requestId":"q"}',
    })
  })

  it('asks for a proxy voter by name and leaves the query out without one', async () => {
    const fetch = answer(200, {})
    vi.stubGlobal('fetch', fetch)
    await votingApi.myVotes('r', 'tok', 'Anna B')
    await votingApi.myVotes('r', 'tok', '')
    expect(fetch.mock.calls.map((call) => (call as unknown[])[0])).toEqual([
      '/api/rounds/r/me?onBehalfOf=Anna+B',
      '/api/rounds/r/me',
    ])
  })

  it('marks busy answers as retryable with their retry-after, and refusals as final', async () => {
    vi.stubGlobal('fetch', answer(503, { error: { code: 'database_busy', message: 'busy' } }, { 'retry-after': '2' }))
    const busy = await votingApi.close('r', 'tok').catch((e: unknown) => e)
    expect(busy).toBeInstanceOf(RetryableError)
    expect(busy).toMatchObject({ status: 503, code: 'database_busy', retryAfterMs: 2000 })
    expect(isRetryable(busy)).toBe(true)

    vi.stubGlobal('fetch', answer(429, { error: { code: 'rate_limited', message: 'slow down' } }))
    await expect(votingApi.shortlist('b', 'tok')).rejects.toMatchObject({ status: 429, retryAfterMs: 1000 })

    vi.stubGlobal('fetch', answer(409, { error: { code: 'budget_exhausted', message: 'All placed.' } }))
    const refused = await votingApi.castVote('r', { ideaId: 'i', delta: 1, requestId: 'q' }, 'tok').catch((e) => e)
    expect(refused).toBeInstanceOf(ApiError)
    expect(refused).not.toBeInstanceOf(RetryableError)
    expect(refused).toMatchObject({ status: 409, code: 'budget_exhausted', message: 'All placed.' })
    expect(isRetryable(refused)).toBe(false)
  })
})
