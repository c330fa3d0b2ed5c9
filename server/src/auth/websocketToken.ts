import type { IncomingMessage } from 'node:http'

/** The subprotocol a board socket speaks; the server answers with it. */
export const WS_PROTOCOL = 'pinnwand'
/** A second offered subprotocol carries the token, so the socket URL (proxy logs) needs none. */
export const WS_TOKEN_PROTOCOL_PREFIX = 'pinnwand.token.'

/**
 * The token of a board socket: from the `Sec-WebSocket-Protocol` offer
 * (`pinnwand, pinnwand.token.<token>`), else from `?token=` (older web apps, scripts).
 * The server selects the first offered protocol, so the token is never echoed back when the
 * client offers `pinnwand` first.
 */
export function websocketToken(request: IncomingMessage, url: URL): string | null {
  const offered = request.headers['sec-websocket-protocol']
  const fromHeader = offered
    ?.split(',')
    .map((p) => p.trim())
    .find((p) => p.startsWith(WS_TOKEN_PROTOCOL_PREFIX))
  if (fromHeader) return fromHeader.slice(WS_TOKEN_PROTOCOL_PREFIX.length) || null
  return url.searchParams.get('token')
}
