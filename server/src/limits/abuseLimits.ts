import type { Redis } from 'ioredis'
import type { Config } from '../config.ts'
import { GuessThrottle, type ThrottleVerdict } from './GuessThrottle.ts'
import { SharedGuessThrottle } from './SharedGuessThrottle.ts'
import { TokenBuckets } from './TokenBucket.ts'

/** A guess throttle on this instance, or one shared by all instances through Redis. */
export interface GuessLimiter {
  check(key: string, nowMs: number): ThrottleVerdict | Promise<ThrottleVerdict>
  fail(key: string, nowMs: number): ThrottleVerdict | Promise<ThrottleVerdict>
}

/**
 * Per-address limits on the requests that need no token: guessing join codes and recovery
 * passphrases (shared by all instances with REDIS_URL), and creating workshops (per instance).
 */
export interface AbuseLimits {
  /** Join-code lookups and joins share one budget: both answer "is this code right". */
  joinCodes: GuessLimiter
  passphrases: GuessLimiter
  /** Workshop creations per address (not for this machine's own requests). */
  workshopCreation: TokenBuckets | null
  close(): void
}

export function createAbuseLimits(
  config: Pick<Config, 'guessesPerMinute' | 'workshopsPerHour'>,
  redis?: Redis,
): AbuseLimits {
  const failuresPerMinute = config.guessesPerMinute
  const localJoinCodes = new GuessThrottle({ failuresPerMinute })
  const localPassphrases = new GuessThrottle({ failuresPerMinute })
  const shared = (local: GuessThrottle, name: string): GuessLimiter =>
    redis ? new SharedGuessThrottle(redis, local, { failuresPerMinute, prefix: `pinnwand:guesses:${name}:` }) : local
  const joinCodes = shared(localJoinCodes, 'join')
  const passphrases = shared(localPassphrases, 'passphrase')
  const workshopCreation =
    config.workshopsPerHour > 0
      ? new TokenBuckets(config.workshopsPerHour / 3600, Math.min(10, Math.ceil(config.workshopsPerHour)))
      : null
  const sweeper = setInterval(() => {
    const now = performance.now()
    localJoinCodes.sweep(now)
    localPassphrases.sweep(now)
    workshopCreation?.sweep(now)
  }, 60_000)
  sweeper.unref()
  return { joinCodes, passphrases, workshopCreation, close: () => clearInterval(sweeper) }
}
