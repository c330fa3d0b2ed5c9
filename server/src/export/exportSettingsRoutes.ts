import { ErrorCode } from '@pinnwand/shared'
import * as routes from '@pinnwand/shared/exportRoutes'
import { type ExportSettings, type ExportSettingsDto, ExportSettingsErrorCode } from '@pinnwand/shared/exportSettings'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { mergeExportSettings, readExportSettings } from './exportSettings.ts'
import { LogoError, logoDataUrl, normaliseLogo } from './logo.ts'
import type { AppContext } from '../http/context.ts'
import type { Store } from '../store/Store.ts'
import type { ExportSettingsStore, ExportStores } from './ExportSettingsStore.ts'
import { ApiError } from '../http/errors.ts'
import { registerRoute } from '../http/registerRoute.ts'
import { requireActor, requireWorkshopFacilitator } from '../http/requestAuth.ts'

/** The settings in force for a workshop's exports and its logo (PNG). */
export async function loadExportSettings(
  settingsStore: ExportSettingsStore,
  workshopId: string,
): Promise<{ settings: ExportSettings; logoPng: Uint8Array | null }> {
  const stored = await settingsStore.get(workshopId)
  return { settings: readExportSettings(stored), logoPng: stored?.logoPng ?? null }
}

/**
 * GET/PUT /api/workshops/:workshopId/export-settings (facilitator): what the result report
 * prints, chosen at export time and remembered for the workshop.
 */
export function registerExportSettingsRoutes(
  app: FastifyInstance,
  ctx: AppContext & { readonly store: Store & ExportStores },
): void {
  const authorise = async (request: FastifyRequest, workshopId: string) => {
    const actor = await requireActor(ctx.store, request)
    requireWorkshopFacilitator(actor, workshopId, 'change the export settings')
    if (!(await ctx.store.getWorkshop(workshopId))) {
      throw new ApiError(404, ErrorCode.workshopNotFound, 'No workshop with this id.')
    }
    return workshopId
  }
  const dto = ({ settings, logoPng }: Awaited<ReturnType<typeof loadExportSettings>>): ExportSettingsDto => ({
    ...settings,
    logo: logoDataUrl(logoPng),
  })

  registerRoute(app, routes.getExportSettings, async ({ params, request }) => {
    const workshopId = await authorise(request, params.workshopId)
    return dto(await loadExportSettings(ctx.store.exportSettings, workshopId))
  })

  registerRoute(app, routes.updateExportSettings, async ({ params, body, request }) => {
    const workshopId = await authorise(request, params.workshopId)
    const update = body()
    const current = await loadExportSettings(ctx.store.exportSettings, workshopId)
    let logoPng = current.logoPng
    if (update.logo === null) logoPng = null
    else if (update.logo !== undefined) {
      try {
        logoPng = normaliseLogo(update.logo)
      } catch (error) {
        if (error instanceof LogoError) throw new ApiError(400, ExportSettingsErrorCode.invalidLogo, error.message)
        throw error
      }
    }
    const settings = mergeExportSettings(current.settings, update)
    await ctx.store.exportSettings.set(workshopId, { settings, logoPng })
    return dto({ settings, logoPng })
  })
}
