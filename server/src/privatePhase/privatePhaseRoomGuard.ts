import { IDEA_CARD_TYPE } from '@pinnwand/shared'
import type { RoomGuardFactory } from '../sync/roomGuards.ts'
import { privatePhaseOf } from './privatePhaseRules.ts'

/** Why a participant's new shared card is refused while the private phase runs (logged). */
export const PRIVATE_PHASE_VERDICT = 'the private phase runs: new idea cards stay private until the reveal'

/**
 * While the private phase runs, a participant's new idea card must not reach the shared board
 * document (every browser receives it). The web app sends such cards to the private-card API;
 * a modified client that writes one into the document anyway gets it reverted like any other
 * refused write. Moving, editing and deleting cards already on the board stay allowed.
 */
export const privatePhaseRoomGuard: RoomGuardFactory = (context) => ({
  reviewRecord(actor, change) {
    if (actor.role !== 'participant' || change.before !== undefined) return null
    const after = change.after
    if (after?.typeName !== 'shape' || after.type !== IDEA_CARD_TYPE) return null
    return privatePhaseOf(context.boardState()) ? PRIVATE_PHASE_VERDICT : null
  },
})
