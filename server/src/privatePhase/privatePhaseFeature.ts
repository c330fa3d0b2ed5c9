import { PrivatePhaseErrorCode } from '@pinnwand/shared'
import { IdeaGates } from '../features/coreHooks.ts'
import { defineFeature } from '../features/ServerFeature.ts'
import { privatePhaseRoutes } from '@pinnwand/shared/privatePhaseRoutes'
import { ApiError } from '../http/errors.ts'
import { KyselyPrivateCardStore } from './kyselyPrivateCards.ts'
import { renameHeldBackAuthor } from '../moderation/kyselyHeldCards.ts'
import { PrivatePhase } from './PrivatePhase.ts'
import { privatePhaseRoomGuard } from './privatePhaseRoomGuard.ts'
import { registerPrivatePhaseRoutes } from './privatePhaseRoutes.ts'
import { privatePhaseOf } from './privatePhaseRules.ts'
import { privateCards } from './migrations/0015_private_cards.ts'
import { revealMarker } from './migrations/0017_reveal_marker.ts'

/** Stilles Sammeln: private cards outside the board document until the reveal. */
export const privatePhaseFeature = defineFeature({
  name: 'privatePhase',
  migrations: () => ({ '0015_private_cards': privateCards, '0017_reveal_marker': revealMarker }),
  openapi: privatePhaseRoutes,
  stores: (db, dialect) => ({ privateCards: new KyselyPrivateCardStore(db, dialect) }),
  renameParticipant: renameHeldBackAuthor('private_cards'),
  roomGuards: [privatePhaseRoomGuard],
  start({ store, rooms, logger, services }) {
    const phase = new PrivatePhase(store.privateCards, rooms, logger.child({ component: 'private-phase' }))
    // The same rule as the room's guard for socket writes: during Stilles Sammeln a
    // participant's card is private (POST …/private-cards), never on the shared board.
    services.contribute(IdeaGates, async ({ actor, room }) => {
      if (actor.role === 'participant' && privatePhaseOf(room.boardState)) {
        throw new ApiError(
          409,
          PrivatePhaseErrorCode.privatePhaseRunning,
          'The private phase runs: write your card with POST /api/boards/:boardId/private-cards.',
        )
      }
      return null
    })
    return phase
  },
  routes: (app, ctx, phase) => registerPrivatePhaseRoutes(app, ctx, phase),
})
