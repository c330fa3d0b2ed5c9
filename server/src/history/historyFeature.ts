import { historyRoutes } from '@pinnwand/shared/historyRoutes'
import { PhaseListeners } from '../features/coreHooks.ts'
import { defineFeature } from '../features/ServerFeature.ts'
import { KyselyBoardVersionStore } from './kyselyBoardVersionStore.ts'
import { BoardHistory } from './BoardHistory.ts'
import { registerHistoryRoutes } from './historyRoutes.ts'
import { VersionHistory, VersionStorePort } from './historyService.ts'
import { massDeleteRoomGuard } from './massDeleteRoomGuard.ts'
import { boardVersions } from './migrations/0004_board_versions.ts'

/** Board history: versions (manual, before a phase change, a round, a mass delete), preview, restore. */
export const historyFeature = defineFeature({
  name: 'history',
  migrations: (dialect) => ({ '0004_board_versions': boardVersions(dialect) }),
  openapi: historyRoutes,
  stores: (db) => ({ versions: new KyselyBoardVersionStore(db) }),
  roomGuards: [massDeleteRoomGuard],
  start({ store, rooms, schema, logger, services }) {
    const history = new BoardHistory(store.versions, rooms, schema, logger.child({ component: 'history' }))
    services.provide(VersionHistory, history)
    services.provide(VersionStorePort, store.versions)
    services.contribute(PhaseListeners, (boardId, from, to, by) => history.phaseChanged(boardId, from, to, by))
    return history
  },
  routes: (app, ctx, history) => registerHistoryRoutes(app, ctx, history),
  // A backup lists the versions (names, reasons, times, counts), not their content.
  boardExtras: async (board, _ctx, history) => ({
    documentMeta: { versions: await history.exportMetadata(board.id, board.language) },
  }),
})
