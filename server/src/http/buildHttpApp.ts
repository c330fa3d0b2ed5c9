import path from 'node:path'
import { existsSync } from 'node:fs'
import { randomUUID } from 'node:crypto'
import fastifyStatic from '@fastify/static'
import { ErrorCode, Limits } from '@pinnwand/shared'
import type { Redis } from 'ioredis'
import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance, type FastifyReply } from 'fastify'
import type { AppContext } from './context.ts'
import { ApiError } from './errors.ts'
import { registerJsonParser } from './jsonBodyParser.ts'
import { trackRouteMethods } from './routeMethods.ts'
import { createAbuseLimits } from '../limits/abuseLimits.ts'
import { isStoreUnavailableError } from '../limits/storeOutage.ts'
import { REDACTED_PATHS, serializeRequest } from '../logging.ts'
import { registerBoardRoutes } from './routes/boards.ts'
import { registerIdeaRoutes } from './routes/ideas.ts'
import { registerSystemRoutes } from './routes/system.ts'
import { registerWorkshopRoutes } from './routes/workshops.ts'

const API_PREFIXES = ['/api/', '/ws/', '/healthz']

/**
 * Same-origin only, no inline script. tldraw positions and styles with inline `style`
 * attributes and draws with data:/blob: images; the service worker and PDF import use workers.
 * 'self' in connect-src covers the board's own ws:/wss: socket (CSP Level 3). Checked in Chromium
 * against the built app: e2e/specs/content-security.spec.ts fails on any reported violation.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  // data:: Vite inlines tldraw's tiny English translation file ({}) as a data: URL it fetches.
  "connect-src 'self' data:",
  "worker-src 'self' blob:",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ')

/**
 * The projector keeps its screen awake; the copy buttons write to the clipboard, and tldraw's
 * paste (menu and shortcut) reads it.
 */
const PERMISSIONS_POLICY = [
  'screen-wake-lock=(self)',
  'clipboard-write=(self)',
  'clipboard-read=(self)',
  'fullscreen=(self)',
  'camera=()',
  'microphone=()',
  'geolocation=()',
  'payment=()',
  'usb=()',
].join(', ')

const SECURITY_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'permissions-policy': PERMISSIONS_POLICY,
  'cross-origin-opener-policy': 'same-origin',
} as const

/** How often node looks for requests over their time limit (its default, 30 s, is coarser than the limits). */
function checkingInterval(...timeoutsMs: number[]): number {
  const set = timeoutsMs.filter((ms) => ms > 0)
  return set.length === 0 ? 30_000 : Math.min(30_000, Math.max(100, Math.floor(Math.min(...set) / 4)))
}

/** The HTTP adapter: routes, JSON errors, request ids, the built web app. */
export async function buildHttpApp(
  ctx: AppContext,
  {
    redis,
    onThrottled,
    featureRoutes,
  }: {
    redis?: Redis
    /** A request refused by a per-address limit (guesses, workshop creation), for metrics. */
    onThrottled?: () => void
    /** Registers the features' routes (createServer: each feature's `routes`). */
    featureRoutes?: (app: FastifyInstance) => Promise<void>
  } = {},
): Promise<FastifyInstance> {
  const { requestTimeoutMs, headersTimeoutMs } = ctx.config
  const app = Fastify({
    // Per-request logs only when debugging: a plenary vote is thousands of requests.
    // (pino's Logger is a FastifyBaseLogger at runtime; the generic types just disagree.)
    loggerInstance: ctx.logger.child(
      { component: 'http' },
      {
        level: ['debug', 'trace', 'error', 'fatal', 'silent'].includes(ctx.config.logLevel)
          ? ctx.config.logLevel
          : 'warn',
        // Page URLs carry tokens (/w/…?token=): the request line is logged without them.
        serializers: { req: serializeRequest },
        redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      },
    ) as unknown as FastifyBaseLogger,
    bodyLimit: Limits.httpBodyBytesMax,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    // A client that trickles its headers or body is cut off (slowloris); WebSocket upgrades
    // leave node's request tracking once upgraded, so live boards are not affected.
    requestTimeout: requestTimeoutMs,
    http: {
      headersTimeout:
        requestTimeoutMs > 0 ? Math.min(headersTimeoutMs || requestTimeoutMs, requestTimeoutMs) : headersTimeoutMs,
      connectionsCheckingInterval: checkingInterval(requestTimeoutMs, headersTimeoutMs),
    },
    // A URL the router cannot decode (`/%E0%A4%A`) answers in the API's error shape too.
    frameworkErrors: (error, _request, reply) => {
      const status = (error as FastifyError).statusCode ?? 400
      void (reply as FastifyReply)
        .code(status)
        .send(apiError(ErrorCode.badRequest, `Malformed request: ${error.message}`))
    },
  })

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id)
    reply.headers(SECURITY_HEADERS)
  })
  registerJsonParser(app)
  const methodsOf = trackRouteMethods(app)
  // With REDIS_URL the guess budgets hold across instances.
  const abuse = createAbuseLimits(ctx.config, redis)
  app.addHook('onClose', async () => abuse.close())

  app.setErrorHandler((error: FastifyError | ApiError, request, reply) => {
    if (error instanceof ApiError) {
      const body = {
        error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) },
      }
      const retryAfter = (error.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds
      if (error.statusCode === 429) {
        onThrottled?.()
        if (retryAfter) reply.header('retry-after', String(retryAfter))
      }
      return reply.code(error.statusCode).send(body)
    }
    const status = error.statusCode ?? 500
    if (status === 413) {
      const limit = request.routeOptions.bodyLimit ?? Limits.httpBodyBytesMax
      return reply.code(413).send(apiError(ErrorCode.payloadTooLarge, `Request body larger than ${limit} bytes.`))
    }
    if (status === 415)
      return reply
        .code(415)
        .send(apiError(ErrorCode.unsupportedMediaType, 'Send JSON (content-type: application/json).'))
    if (status >= 400 && status < 500) return reply.code(status).send(apiError(ErrorCode.badRequest, error.message))
    // The database is unreachable: say so (and when to retry) instead of a bare 500.
    if (isStoreUnavailableError(error))
      return reply
        .code(503)
        .header('retry-after', '5')
        .send(apiError(ErrorCode.unavailable, 'The database is unavailable. Retry shortly.'))
    request.log.error({ err: error }, 'request failed')
    return reply
      .code(500)
      .send(apiError(ErrorCode.internal, 'Internal server error. The request id is in the x-request-id header.'))
  })

  // The core's routes; every feature's come from the feature list (features/index.ts).
  registerSystemRoutes(app, ctx)
  registerWorkshopRoutes(app, ctx, abuse)
  registerIdeaRoutes(app, ctx)
  registerBoardRoutes(app, ctx, abuse)
  await featureRoutes?.(app)

  const hasClient = existsSync(`${ctx.config.clientDist}/index.html`)
  if (hasClient) {
    const assetsDir = path.join(ctx.config.clientDist, 'assets') + path.sep
    // preCompressed: the build writes .br/.gz beside each asset (client/precompressPlugin.ts).
    await app.register(fastifyStatic, {
      root: ctx.config.clientDist,
      wildcard: false,
      index: false,
      preCompressed: true,
      cacheControl: false,
      // Hashed build assets never change; everything else (the app shell, the service worker)
      // is revalidated on every load, so a deploy or a token-carrying URL is never served stale.
      setHeaders(reply, filePath) {
        reply.header(
          'cache-control',
          filePath.startsWith(assetsDir) ? 'public, max-age=31536000, immutable' : 'no-cache',
        )
      },
    })
  } else {
    ctx.logger.warn({ clientDist: ctx.config.clientDist }, 'web app not built; serving the API only (run pnpm build)')
  }

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/'
    const isRead = request.method === 'GET' || request.method === 'HEAD'
    if (API_PREFIXES.some((prefix) => path.startsWith(prefix)) || !hasClient || !isRead) {
      const allowed = methodsOf(path)
      if (allowed.length > 0) {
        return reply
          .code(405)
          .header('allow', allowed.join(', '))
          .send(
            apiError(
              'method_not_allowed',
              `${path} does not answer ${request.method}; it answers ${allowed.join(', ')}.`,
            ),
          )
      }
      return reply.code(404).send(apiError(ErrorCode.notFound, `No route for ${request.method} ${path}.`))
    }
    const lastSegment = path.split('/').pop() ?? ''
    if (lastSegment.includes('.')) return reply.code(404).send(apiError(ErrorCode.notFound, 'No such file.'))
    // Client-side routes (/b/…, /w/…, /join/…) get the app shell.
    return reply.header('cache-control', 'no-cache').sendFile('index.html')
  })

  return app
}

function apiError(code: string, message: string) {
  return { error: { code, message } }
}
