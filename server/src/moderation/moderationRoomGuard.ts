import { IDEA_CARD_TYPE } from '@pinnwand/shared'
import type { RoomGuardFactory } from '../sync/roomGuards.ts'
import { isModerated } from './moderationRules.ts'

/** Why a participant's new shared card is refused while the board is moderated (logged). */
export const MODERATION_VERDICT = 'the board is moderated: new idea cards go to the facilitator first'

/**
 * While a board is moderated, a participant's new idea card must not reach the shared board
 * document (every browser receives it) before the facilitator approved it. The web app sends such
 * cards to the held-card API; a modified client that writes one into the document anyway gets it
 * reverted like any other refused write. Moving, editing and deleting cards on the board stay allowed.
 */
export const moderationRoomGuard: RoomGuardFactory = (context) => ({
  reviewRecord(actor, change) {
    if (actor.role !== 'participant' || change.before !== undefined) return null
    const after = change.after
    if (after?.typeName !== 'shape' || after.type !== IDEA_CARD_TYPE) return null
    return isModerated(context.boardState()) ? MODERATION_VERDICT : null
  },
})
