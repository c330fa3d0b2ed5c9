import { BoardSwitches, IdeaGates } from '../features/coreHooks.ts'
import { defineFeature } from '../features/ServerFeature.ts'
import { moderationRoutes } from '@pinnwand/shared/moderationRoutes'
import { recordRefusalError } from '../http/boardAccess.ts'
import { KyselyHeldCardStore, renameHeldBackAuthor } from './kyselyHeldCards.ts'
import { LOCKED_VERDICT } from '../sync/recordPolicy.ts'
import { Moderation } from './Moderation.ts'
import { moderationRoomGuard } from './moderationRoomGuard.ts'
import { heldCardError, registerModerationRoutes } from './moderationRoutes.ts'
import { isModerated } from './moderationRules.ts'
import { ModerationSections } from './moderationService.ts'
import { heldCards } from './migrations/0016_held_cards.ts'

/** The moderation inbox: participants' new cards wait for the facilitator's approval. */
export const moderationFeature = defineFeature({
  name: 'moderation',
  migrations: () => ({ '0016_held_cards': heldCards }),
  openapi: moderationRoutes,
  stores: (db) => ({ heldCards: new KyselyHeldCardStore(db) }),
  renameParticipant: renameHeldBackAuthor('held_cards'),
  roomGuards: [moderationRoomGuard],
  start({ store, rooms, logger, services }) {
    const moderation = new Moderation(store.heldCards, rooms, logger.child({ component: 'moderation' }))
    services.provide(ModerationSections, moderation)
    // A moderated board: a participant's card (also through an integration's participant
    // token) waits in the facilitator's inbox; 202 with the held card, nothing on the board.
    services.contribute(IdeaGates, async ({ boardId, actor, room, text }) => {
      if (actor.role !== 'participant' || !isModerated(room.boardState)) return null
      if (room.isLockedForParticipants) throw recordRefusalError(LOCKED_VERDICT)
      const { result, card } = await moderation.add(boardId, actor, text)
      if (result !== 'ok') throw heldCardError(result)
      return { heldCard: card! }
    })
    // The table setting `moderation` (PATCH /api/boards/:id) and the overview's flag.
    services.contribute(BoardSwitches, {
      key: 'moderation',
      enabledBoards: (boardIds) => moderation.moderatedBoards(boardIds),
      isEnabled: async (boardId) => (await moderation.section(boardId))?.on ?? false,
      setEnabled: async (boardId, enabled) => (await moderation.setEnabled(boardId, enabled)).on,
    })
    return moderation
  },
  routes: (app, ctx, moderation) => registerModerationRoutes(app, ctx, moderation),
  // The report prints how many cards were rejected (never their texts).
  boardExtras: async (board, _ctx, moderation) => ({
    rejectedCards: (await moderation.section(board.id))?.rejected ?? 0,
  }),
})
