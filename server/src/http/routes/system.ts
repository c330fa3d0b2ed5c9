import type { ClientConfig } from '@pinnwand/shared'
import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../context.ts'
import { buildOpenApiDocument } from '../openapi.ts'
import { requireActor } from '../requestAuth.ts'

export function registerSystemRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/healthz', async (_request, reply) => {
    const ok = await ctx.store.ping()
    return reply.code(ok ? 200 : 503).send(ok ? { status: 'ok' } : { status: 'unavailable' })
  })

  const openApi = buildOpenApiDocument(ctx.version)
  app.get('/api/openapi.json', async () => openApi)

  app.get('/api/config', async (): Promise<ClientConfig> => ({
    tldrawLicenseKey: ctx.config.tldrawLicenseKey,
    version: ctx.version,
  }))

  app.get('/api/me', async (request) => {
    const actor = await requireActor(ctx.store, request)
    const boards = await ctx.store.listBoards(actor.workshopId)
    const workshop = await ctx.store.getWorkshop(actor.workshopId)
    return {
      role: actor.role,
      userId: actor.userId,
      name: actor.name,
      workshopId: actor.workshopId,
      boardIds: boards.filter((b) => actor.boardId === null || actor.boardId === b.id).map((b) => b.id),
      /** The workshop shows ideas without author names (a workshop setting). */
      hideAuthors: workshop?.hideAuthors ?? false,
    }
  })
}
