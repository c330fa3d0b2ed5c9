import { readFile } from 'node:fs/promises'
import * as routes from '@pinnwand/shared/systemRoutes'
import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../context.ts'
import { ApiDescriptions } from '../../features/coreHooks.ts'
import { buildOpenApiDocument } from '../openapi.ts'
import { answer, registerRoute } from '../registerRoute.ts'
import { requireActor } from '../requestAuth.ts'

export function registerSystemRoutes(app: FastifyInstance, ctx: AppContext): void {
  registerRoute(app, routes.getHealth, async () =>
    (await ctx.store.ping()) ? { status: 'ok' as const } : answer(503, { status: 'unavailable' as const }),
  )

  // Built at the first request, with every feature's paths (features/coreHooks.ts).
  let openApi: ReturnType<typeof buildOpenApiDocument> | undefined
  app.get(
    '/api/openapi.json',
    async () => (openApi ??= buildOpenApiDocument(ctx.version, ctx.services.all(ApiDescriptions))),
  )

  registerRoute(app, routes.getConfig, async () => ({
    tldrawLicenseKey: ctx.config.tldrawLicenseKey,
    version: ctx.version,
    legal: {
      imprintUrl: ctx.config.legal.imprintUrl,
      privacyUrl: ctx.config.legal.privacyUrl,
      accessibilityContact: ctx.config.legal.accessibilityContact,
    },
  }))

  // The operator's accessibility statement (ACCESSIBILITY_STATEMENT_FILE, plain text or
  // Markdown shown as text), read on each request so an edit needs no restart.
  registerRoute(app, routes.getAccessibilityStatement, async () => {
    const file = ctx.config.legal.accessibilityStatementFile
    if (!file) return { text: null }
    try {
      return { text: await readFile(file, 'utf8') }
    } catch (error) {
      ctx.logger.error({ err: error, file }, 'accessibility statement file unreadable; showing the built-in text')
      return { text: null }
    }
  })

  registerRoute(app, routes.getMe, async ({ request }) => {
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
