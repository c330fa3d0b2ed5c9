import { createHash } from 'node:crypto'
import type { Redis } from 'ioredis'
import type { TokenBuckets } from './TokenBucket.ts'

type Verdict = { ok: true } | { ok: false; retryAfterMs: number }

/** Takes one token from the bucket in KEYS[1]: -1 when taken, else ms until the next one. */
const TAKE_TOKEN = `
local perSecond = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local bucket = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(bucket[1]) or burst
local at = tonumber(bucket[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - at) / 1000 * perSecond)
local ok = 0
if tokens >= 1 then
  tokens = tokens - 1
  ok = 1
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(burst / perSecond * 1000) + 1000)
if ok == 1 then return -1 end
return math.ceil((1 - tokens) / perSecond * 1000)
`

interface RedisWithTakeToken extends Redis {
  pinnwandTakeToken(key: string, perSecond: number, burst: number): Promise<number>
}

/**
 * The same token bucket as TokenBuckets, kept in Redis so that every instance behind the proxy
 * draws from one budget per token (with round robin over N instances a per-process bucket would
 * let a device through N times as often). One script call per request, atomic in Redis, timed
 * by Redis' own clock so instances with skewed clocks agree.
 *
 * Redis is an accelerator here, not a dependency: when it is unreachable or slow (over
 * `timeoutMs`), the instance's own bucket decides, as it does without REDIS_URL.
 */
export class SharedTokenBuckets {
  private readonly redis: RedisWithTakeToken
  private readonly local: TokenBuckets
  private readonly perSecond: number
  private readonly burst: number
  private readonly timeoutMs: number
  private readonly prefix: string

  constructor(
    redis: Redis,
    local: TokenBuckets,
    {
      perSecond,
      burst,
      timeoutMs = 100,
      prefix = 'pinnwand:ratelimit:',
    }: { perSecond: number; burst: number; timeoutMs?: number; prefix?: string },
  ) {
    if (!('pinnwandTakeToken' in redis)) redis.defineCommand('pinnwandTakeToken', { numberOfKeys: 1, lua: TAKE_TOKEN })
    this.redis = redis as RedisWithTakeToken
    this.local = local
    this.perSecond = perSecond
    this.burst = Math.max(1, burst)
    this.timeoutMs = timeoutMs
    this.prefix = prefix
  }

  async take(token: string, nowMs: number): Promise<Verdict> {
    // The local bucket is always charged too: it is what decides while Redis is away.
    const local = this.local.take(token, nowMs)
    if (this.redis.status !== 'ready') return local
    // Tokens are secrets: Redis only ever sees a hash.
    const key = this.prefix + createHash('sha256').update(token).digest('base64url').slice(0, 32)
    let timer: NodeJS.Timeout | undefined
    try {
      const retryAfterMs = await Promise.race([
        this.redis.pinnwandTakeToken(key, this.perSecond, this.burst),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('rate limit lookup timed out')), this.timeoutMs)
        }),
      ])
      return retryAfterMs < 0 ? { ok: true } : { ok: false, retryAfterMs }
    } catch {
      return local
    } finally {
      clearTimeout(timer)
    }
  }
}
