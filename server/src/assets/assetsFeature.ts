import { assetRoutes } from '@pinnwand/shared/assetRoutes'
import { defineFeature } from '../features/ServerFeature.ts'
import { KyselyAssetStore } from './kyselyAssetStore.ts'
import { registerAssetRoutes } from './assetRoutes.ts'
import { exportBoardImages } from './boardImages.ts'
import { boardAssets } from './migrations/0010_board_assets.ts'

/** Pictures on the board: uploads kept in the database, served to the board's readers. */
export const assetsFeature = defineFeature({
  name: 'assets',
  migrations: (dialect) => ({ '0010_board_assets': boardAssets(dialect) }),
  openapi: assetRoutes,
  stores: (db, dialect) => ({ assets: new KyselyAssetStore(db, dialect) }),
  routes: (app, ctx) => registerAssetRoutes(app, ctx),
  // A backup carries the board's pictures, so an import brings them back.
  boardExtras: async (board, ctx) =>
    board.backup ? { images: await exportBoardImages(ctx.store.assets, board.id) } : {},
})
