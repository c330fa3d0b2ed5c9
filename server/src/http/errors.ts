import { ErrorCode } from '@pinnwand/shared'
import type { z } from 'zod'

/** An error meant for the API caller: status, stable code, human message. */
export class ApiError extends Error {
  readonly statusCode: number
  readonly code: string
  readonly details: unknown

  constructor(statusCode: number, code: string, message: string, details?: unknown) {
    super(message)
    this.statusCode = statusCode
    this.code = code
    this.details = details
  }
}

export const unauthorized = () => new ApiError(401, ErrorCode.unauthorized, 'A valid token is required.')
export const workshopDeleted = () =>
  new ApiError(410, ErrorCode.workshopDeleted, 'This workshop was deleted by its facilitator.')
/** The workshop's date lies more than JOIN_CODE_GRACE_DAYS back: its code no longer admits anyone. */
export const joinCodeExpired = () =>
  new ApiError(410, 'join_code_expired', 'This join code has expired: the workshop is over.')
export const forbidden = (message = 'This token does not allow that.') =>
  new ApiError(403, ErrorCode.forbidden, message)

/** Parses an untrusted body with a shared schema; 400 with the problems otherwise. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const result = schema.safeParse(body)
  if (!result.success) {
    const problems = result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))
    const summary = problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join('; ')
    throw new ApiError(400, ErrorCode.validationFailed, `Invalid request: ${summary}`, problems)
  }
  return result.data
}
