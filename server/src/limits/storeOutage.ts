/**
 * Whether an error means the database could not be reached (as opposed to a bug or a refused
 * statement): the API answers 503 `unavailable` with `retry-after` then, never 500.
 */
export function isStoreUnavailableError(error: unknown): boolean {
  if (!(error instanceof Error)) return false
  const code = (error as { code?: unknown }).code
  if (typeof code === 'string') {
    if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH'].includes(code)) return true
    // PostgreSQL: connection exceptions (08…), admin shutdown / cannot connect now (57P0…).
    if (/^08/.test(code) || /^57P0/.test(code)) return true
  }
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(
    error.message,
  )
}
