/**
 * A request id unique to one user action (a vote tap, a timer click); retries of the same
 * action reuse it, so the server applies it once. randomUUID needs a secure context, which a
 * venue LAN over plain HTTP is not, hence the fallback.
 */
export function newRequestId(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`
}
