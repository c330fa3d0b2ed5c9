import { facilitationRoutes } from '@pinnwand/shared/facilitationRoutes'
import { defineFeature } from '../features/ServerFeature.ts'
import { KyselyTimerStore } from './kyselyTimerStore.ts'
import { Facilitation } from './Facilitation.ts'
import { registerFacilitationRoutes } from './facilitationRoutes.ts'
import { BoardTimers, ResultsDisplay } from './facilitationService.ts'
import { boardTimer } from './migrations/0007_board_timer.ts'

/** The board timer, "follow me", "bring everyone to my view" and the projector's mode. */
export const facilitationFeature = defineFeature({
  name: 'facilitation',
  migrations: () => ({ '0007_board_timer': boardTimer }),
  openapi: facilitationRoutes,
  stores: (db) => ({ timers: new KyselyTimerStore(db) }),
  start({ store, rooms, logger, services }) {
    const facilitation = new Facilitation(store.timers, rooms, logger.child({ component: 'facilitation' }))
    services.provide(ResultsDisplay, facilitation)
    services.provide(BoardTimers, facilitation)
    return facilitation
  },
  routes: (app, ctx, facilitation) => registerFacilitationRoutes(app, ctx, facilitation),
})
