import { ErrorCode } from '@pinnwand/shared'
import type { FastifyRequest } from 'fastify'
import { clientAddress } from '../limits/clientAddress.ts'
import type { GuessLimiter } from '../limits/abuseLimits.ts'
import { ApiError } from './errors.ts'

/** Headers a reverse proxy adds: a loopback connection carrying one is not a local person. */
const PROXY_HEADERS = ['x-forwarded-for', 'forwarded', 'x-real-ip'] as const

export function requestAddress(request: FastifyRequest, trustProxy: boolean): string {
  return clientAddress(request.raw, trustProxy)
}

/**
 * True for requests from this machine (a facilitator's laptop at localhost, the test suites).
 * Without TRUST_PROXY a proxy on the same host would make everyone look local, so a loopback
 * connection that carries proxy headers does not count.
 */
export function isLocalRequest(request: FastifyRequest, trustProxy: boolean): boolean {
  if (!trustProxy && PROXY_HEADERS.some((h) => request.headers[h] !== undefined)) return false
  return isLoopback(requestAddress(request, trustProxy))
}

export function isLoopback(address: string): boolean {
  return address === '::1' || /^(::ffff:)?127\./.test(address)
}

export function rateLimited(retryAfterMs: number, what: string): ApiError {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000))
  return new ApiError(429, ErrorCode.rateLimited, `${what}; retry in ${seconds} s.`, { retryAfterSeconds: seconds })
}

/** Answers that mean "wrong guess": unknown code or workshop, wrong passphrase, gone or expired. */
const GUESS_FAILURES = new Set([403, 404, 410])

/**
 * Runs one guess (join-code lookup, join, passphrase recovery) under the address' throttle: a
 * blocked address gets 429 without the guess being looked at, a wrong guess counts against it.
 * Requests from the server itself are not throttled (as for creating workshops, this machine is
 * trusted; it also keeps test suites sharing one Redis from throttling each other).
 */
export async function guarded<T>(
  throttle: GuessLimiter,
  request: FastifyRequest,
  trustProxy: boolean,
  attempt: () => Promise<T>,
): Promise<T> {
  if (isLocalRequest(request, trustProxy)) return attempt()
  const address = requestAddress(request, trustProxy)
  const verdict = await throttle.check(address, performance.now())
  if (!verdict.ok) throw rateLimited(verdict.retryAfterMs, 'Too many wrong attempts from this address')
  try {
    return await attempt()
  } catch (error) {
    if (error instanceof ApiError && GUESS_FAILURES.has(error.statusCode))
      await throttle.fail(address, performance.now())
    throw error
  }
}
