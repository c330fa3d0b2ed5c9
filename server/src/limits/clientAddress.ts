import type { IncomingMessage } from 'node:http'

/**
 * The client's address. Behind a reverse proxy every connection comes from the proxy, so with
 * `TRUST_PROXY` the last address the proxy appended to `X-Forwarded-For` is used instead (the
 * earlier entries are whatever the client claimed).
 */
export function clientAddress(request: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const header = request.headers['x-forwarded-for']
    const value = Array.isArray(header) ? header.join(',') : header
    const last = value
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .at(-1)
    if (last) return last
  }
  return request.socket.remoteAddress ?? 'unknown'
}
