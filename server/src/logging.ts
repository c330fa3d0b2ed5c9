import pino, { type DestinationStream, type Logger } from 'pino'

/** Tokens in query strings (`/w/…?token=`, `/ws/…?token=`) never reach a log line. */
export function redactUrl(url: string | undefined): string | undefined {
  return url?.replace(/([?&](?:token|access_token)=)[^&#]*/gi, '$1[redacted]')
}

/** Paths pino blanks wherever they occur in a logged object (bearer headers, token fields). */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["sec-websocket-protocol"]',
  'headers.authorization',
  'headers["sec-websocket-protocol"]',
  'token',
  '*.token',
  '*.facilitatorToken',
  '*.participantToken',
  '*.projectorToken',
  '*.adminToken',
]

/** The server's root logger: JSON lines, tokens redacted. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino({ level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, destination)
}

/** What a request looks like in a log line: no headers, no address, no token in the URL. */
export function serializeRequest(req: { method?: string; url?: string }): { method?: string; url?: string } {
  return { method: req.method, url: redactUrl(req.url) }
}
