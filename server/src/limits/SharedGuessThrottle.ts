import { createHash } from 'node:crypto'
import type { Redis } from 'ioredis'
import type { GuessThrottle, ThrottleVerdict } from './GuessThrottle.ts'

/**
 * GuessThrottle's rules in one atomic script on Redis' clock: ARGV[1] 'check' answers the
 * remaining block (ms) or -1; 'fail' takes a failure from the minute's budget and, when none is
 * left, sets a block that doubles per strike (strikes are forgotten maxMs after the last block).
 */
const GUESS = `
local op = ARGV[1]
local perMinute = tonumber(ARGV[2])
local baseMs = tonumber(ARGV[3])
local maxMs = tonumber(ARGV[4])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at', 'until', 'strikes')
local untilMs = tonumber(state[3]) or 0
if op == 'check' then
  if untilMs > now then return untilMs - now end
  return -1
end
local tokens = tonumber(state[1]) or perMinute
local at = tonumber(state[2]) or now
tokens = math.min(perMinute, tokens + math.max(0, now - at) / 60000 * perMinute)
local result = -1
if tokens >= 1 then
  tokens = tokens - 1
else
  local strikes = tonumber(state[4]) or 0
  if untilMs == 0 or now - untilMs >= maxMs then strikes = 0 end
  strikes = strikes + 1
  result = math.floor(math.min(maxMs, baseMs * 2 ^ (strikes - 1)))
  untilMs = now + result
  redis.call('HSET', KEYS[1], 'strikes', tostring(strikes), 'until', tostring(untilMs))
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.max(0, untilMs - now) + maxMs + 60000)
return result
`

interface RedisWithGuess extends Redis {
  pinnwandGuess(key: string, op: 'check' | 'fail', perMinute: number, baseMs: number, maxMs: number): Promise<number>
}

/**
 * One guess budget per address across all instances (REDIS_URL): with round robin over N
 * instances, per-instance throttles would give a guesser N budgets. As with SharedTokenBuckets,
 * Redis is an accelerator: the local throttle is always charged and decides while Redis is
 * unreachable or slower than `timeoutMs`. Addresses are hashed before they reach Redis.
 */
export class SharedGuessThrottle {
  private readonly redis: RedisWithGuess
  private readonly local: GuessThrottle
  private readonly settings: [perMinute: number, baseMs: number, maxMs: number]
  private readonly prefix: string
  private readonly timeoutMs: number

  constructor(
    redis: Redis,
    local: GuessThrottle,
    {
      failuresPerMinute,
      baseBlockMs = 60_000,
      maxBlockMs = 60 * 60_000,
      prefix,
      timeoutMs = 100,
    }: { failuresPerMinute: number; baseBlockMs?: number; maxBlockMs?: number; prefix: string; timeoutMs?: number },
  ) {
    if (!('pinnwandGuess' in redis)) redis.defineCommand('pinnwandGuess', { numberOfKeys: 1, lua: GUESS })
    this.redis = redis as RedisWithGuess
    this.local = local
    this.settings = [failuresPerMinute, baseBlockMs, maxBlockMs]
    this.prefix = prefix
    this.timeoutMs = timeoutMs
  }

  check(key: string, nowMs: number): Promise<ThrottleVerdict> {
    return this.ask(key, 'check', this.local.check(key, nowMs))
  }

  fail(key: string, nowMs: number): Promise<ThrottleVerdict> {
    return this.ask(key, 'fail', this.local.fail(key, nowMs))
  }

  private async ask(key: string, op: 'check' | 'fail', local: ThrottleVerdict): Promise<ThrottleVerdict> {
    if (this.settings[0] <= 0 || this.redis.status !== 'ready') return local
    const redisKey = this.prefix + createHash('sha256').update(key).digest('base64url').slice(0, 32)
    let timer: NodeJS.Timeout | undefined
    try {
      const blockedMs = await Promise.race([
        this.redis.pinnwandGuess(redisKey, op, ...this.settings),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('guess throttle lookup timed out')), this.timeoutMs)
        }),
      ])
      return blockedMs < 0 ? { ok: true } : { ok: false, retryAfterMs: blockedMs }
    } catch {
      return local
    } finally {
      clearTimeout(timer)
    }
  }
}
