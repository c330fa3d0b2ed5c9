import type { Config } from '../config.ts'
import { GuessThrottle } from './GuessThrottle.ts'
import { TokenBuckets } from './TokenBucket.ts'

/**
 * Per-address limits on the requests that need no token: guessing join codes and recovery
 * passphrases, and creating workshops. Kept per instance (with REDIS_URL each instance counts
 * on its own, so N instances allow N times the guesses — still minutes per dozen guesses).
 */
export interface AbuseLimits {
  /** Join-code lookups and joins share one budget: both answer "is this code right". */
  joinCodes: GuessThrottle
  passphrases: GuessThrottle
  /** Workshop creations per address (not for this machine's own requests). */
  workshopCreation: TokenBuckets | null
  close(): void
}

export function createAbuseLimits(config: Pick<Config, 'guessesPerMinute' | 'workshopsPerHour'>): AbuseLimits {
  const joinCodes = new GuessThrottle({ failuresPerMinute: config.guessesPerMinute })
  const passphrases = new GuessThrottle({ failuresPerMinute: config.guessesPerMinute })
  const workshopCreation =
    config.workshopsPerHour > 0
      ? new TokenBuckets(config.workshopsPerHour / 3600, Math.min(10, Math.ceil(config.workshopsPerHour)))
      : null
  const sweeper = setInterval(() => {
    const now = performance.now()
    joinCodes.sweep(now)
    passphrases.sweep(now)
    workshopCreation?.sweep(now)
  }, 60_000)
  sweeper.unref()
  return { joinCodes, passphrases, workshopCreation, close: () => clearInterval(sweeper) }
}
