import { ErrorCode } from '@pinnwand/shared'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Redis } from 'ioredis'
import { extractBearerToken } from '../auth/authenticate.ts'
import { SharedTokenBuckets } from './SharedTokenBuckets.ts'
import { TokenBuckets } from './TokenBucket.ts'

export interface RateLimitOptions {
  /** Sustained requests per second per token; 0 switches the limit off. */
  perSecond: number
  burst: number
  onLimited?: () => void
  /** With several instances (REDIS_URL): one budget per token across all of them. */
  redis?: Redis
}

/**
 * Requests per bearer token on the JSON API: a device tapping votes 50 times a second is slowed
 * down with 429 `rate_limited` (and `retry-after`), everyone else keeps their own budget.
 * Requests without a token (joining, creating a workshop) are not limited here: a hall behind
 * one NAT address joins within a minute. With Redis the budget is shared by all instances.
 */
export function createRateLimitHook(options: RateLimitOptions) {
  const buckets = new TokenBuckets(options.perSecond, options.burst)
  const shared =
    options.redis && options.perSecond > 0
      ? new SharedTokenBuckets(options.redis, buckets, { perSecond: options.perSecond, burst: options.burst })
      : null
  const sweeper = setInterval(() => buckets.sweep(performance.now()), 60_000)
  sweeper.unref()
  return async function rateLimit(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    if (options.perSecond <= 0 || !request.url.startsWith('/api/')) return
    // The same token authentication will see: `bearer` in lower case or extra spaces is one budget.
    const token = extractBearerToken(request.headers.authorization)
    if (!token) return
    const verdict = shared ? await shared.take(token, performance.now()) : buckets.take(token, performance.now())
    if (verdict.ok) return
    options.onLimited?.()
    const seconds = Math.max(1, Math.ceil(verdict.retryAfterMs / 1000))
    await reply
      .code(429)
      .header('retry-after', String(seconds))
      .send({ error: { code: ErrorCode.rateLimited, message: `Too many requests; retry in ${seconds} s.` } })
  }
}
