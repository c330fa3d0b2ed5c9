import path from 'node:path'
import { existsSync } from 'node:fs'
import { randomUUID } from 'node:crypto'
import fastifyStatic from '@fastify/static'
import { ErrorCode, Limits } from '@pinnwand/shared'
import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance } from 'fastify'
import { registerCommentRoutes } from '../comments/commentRoutes.ts'
import type { AppContext } from './context.ts'
import { ApiError } from './errors.ts'
import { isStoreUnavailableError } from '../limits/storeOutage.ts'
import { registerHistoryRoutes } from '../history/historyRoutes.ts'
import { registerIdeaImportRoutes } from '../import/ideaImportRoutes.ts'
import { registerBoardImportRoutes } from './routes/boardImport.ts'
import { registerBoardRoutes } from './routes/boards.ts'
import { registerFacilitationRoutes } from './routes/facilitation.ts'
import { registerIdeaRoutes } from './routes/ideas.ts'
import { registerSystemRoutes } from './routes/system.ts'
import { registerVotingRoutes } from './routes/voting.ts'
import { registerWorkshopRoutes } from './routes/workshops.ts'

const API_PREFIXES = ['/api/', '/ws/', '/healthz']

/** The HTTP adapter: routes, JSON errors, request ids, the built web app. */
export async function buildHttpApp(ctx: AppContext): Promise<FastifyInstance> {
  const app = Fastify({
    // Per-request logs only when debugging: a plenary vote is thousands of requests.
    // (pino's Logger is a FastifyBaseLogger at runtime; the generic types just disagree.)
    loggerInstance: ctx.logger.child(
      { component: 'http' },
      {
        level: ['debug', 'trace', 'error', 'fatal', 'silent'].includes(ctx.config.logLevel)
          ? ctx.config.logLevel
          : 'warn',
      },
    ) as unknown as FastifyBaseLogger,
    bodyLimit: Limits.httpBodyBytesMax,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
  })

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id)
  })

  app.setErrorHandler((error: FastifyError | ApiError, request, reply) => {
    if (error instanceof ApiError) {
      const body = {
        error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) },
      }
      return reply.code(error.statusCode).send(body)
    }
    const status = error.statusCode ?? 500
    if (status === 413)
      return reply
        .code(413)
        .send(apiError(ErrorCode.payloadTooLarge, `Request body larger than ${Limits.httpBodyBytesMax} bytes.`))
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

  registerSystemRoutes(app, ctx)
  registerWorkshopRoutes(app, ctx)
  registerIdeaRoutes(app, ctx)
  registerCommentRoutes(app, ctx)
  registerVotingRoutes(app, ctx)
  registerBoardRoutes(app, ctx)
  registerBoardImportRoutes(app, ctx)
  registerHistoryRoutes(app, ctx)
  registerIdeaImportRoutes(app, ctx)
  registerFacilitationRoutes(app, ctx)
  ;(await import('./routes/export.ts')).registerExportRoutes(app, ctx)

  const hasClient = existsSync(`${ctx.config.clientDist}/index.html`)
  if (hasClient) {
    const assetsDir = path.join(ctx.config.clientDist, 'assets') + path.sep
    // preCompressed: the build writes .br/.gz beside each asset (client/precompressPlugin.ts).
    await app.register(fastifyStatic, {
      root: ctx.config.clientDist,
      wildcard: false,
      index: false,
      preCompressed: true,
      maxAge: '1h',
      // Hashed build assets never change; everything else is revalidated after an hour.
      setHeaders(reply, filePath) {
        if (filePath.startsWith(assetsDir)) reply.header('cache-control', 'public, max-age=31536000, immutable')
      },
    })
  } else {
    ctx.logger.warn({ clientDist: ctx.config.clientDist }, 'web app not built; serving the API only (run pnpm build)')
  }

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/'
    if (API_PREFIXES.some((prefix) => path.startsWith(prefix)) || !hasClient || request.method !== 'GET') {
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
