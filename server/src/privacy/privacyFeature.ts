import { CloseCode } from '@pinnwand/shared'
import { privacyRoutes } from '@pinnwand/shared/privacyRoutes'
import { deleteWorkshop } from '../domain/workshops.ts'
import { ParticipantNameRewrites } from '../features/coreHooks.ts'
import { ServiceKey } from '../features/FeatureServices.ts'
import { defineFeature } from '../features/ServerFeature.ts'
import { VersionStorePort } from '../history/historyService.ts'
import { WORKSHOP_DELETED_SIGNAL } from '../http/routes/workshops.ts'
import { registerPrivacyRoutes } from './privacyRoutes.ts'
import { RetentionSweeper } from './RetentionSweeper.ts'

/** The retention schedule (tests call `sweep()`). */
export const Retention = new ServiceKey<RetentionSweeper>('privacy.retention')

/** Data protection: retention periods (and their sweeper), removing a participant's name. */
export const privacyFeature = defineFeature({
  name: 'privacy',
  openapi: privacyRoutes,
  start({ config, store, rooms, gateway, logger, services }) {
    // Workshops past their retention period go with everything in them, like the dashboard's
    // delete (sockets closed here and, through the relay, on other instances).
    const retention = new RetentionSweeper({
      store,
      defaultDays: config.retentionDays,
      intervalMs: config.retentionSweepMs,
      logger: logger.child({ component: 'retention' }),
      deleteWorkshop: (workshopId) =>
        deleteWorkshop(
          store,
          {
            closeConnections: (id) =>
              gateway.closeWorkshopConnections(id, CloseCode.workshopDeleted, 'workshop deleted'),
            discardRoom: (boardId) => {
              rooms.signal(boardId, WORKSHOP_DELETED_SIGNAL, true)
              return rooms.discard(boardId)
            },
          },
          workshopId,
        ),
    })
    services.provide(Retention, retention)
    retention.start()
    return retention
  },
  routes: (app, ctx) =>
    registerPrivacyRoutes(app, {
      store: ctx.store,
      rooms: ctx.rooms,
      versions: ctx.services.get(VersionStorePort),
      nameRewrites: ctx.services.all(ParticipantNameRewrites),
      defaultRetentionDays: ctx.config.retentionDays,
    }),
  stop: (retention) => retention.stop(),
})
