import type { BoardStateMessage } from '@pinnwand/shared/boardState'
import type { ModerationSection } from '@pinnwand/shared/moderation'
import type { Me } from '../../api/apiClient.ts'

/**
 * Why a participant's new idea cards are held back from the shared board: Stilles Sammeln (they
 * become private cards) or the moderation inbox (they wait for approval). The server refuses and
 * reverts such a card written straight into the board document, so every path that makes one goes
 * through the card APIs instead.
 */
export const HeldBackKind = { privatePhase: 'privatePhase', moderation: 'moderation' } as const
export type HeldBackKind = (typeof HeldBackKind)[keyof typeof HeldBackKind]

/**
 * The same rule as the "add idea" field: Stilles Sammeln comes first (its reveal is the
 * facilitator's act); without a board state yet (a reload without a connection) the phase this
 * device last heard of counts. Only participants are held back.
 */
export function heldBackKind(
  role: Me['role'],
  boardState: BoardStateMessage | null,
  rememberedPrivate: boolean,
): HeldBackKind | null {
  if (role !== 'participant') return null
  if (boardState === null) return rememberedPrivate ? HeldBackKind.privatePhase : null
  if (boardState.privatePhase) return HeldBackKind.privatePhase
  const moderation = boardState.moderation as ModerationSection | null | undefined
  return moderation?.on === true ? HeldBackKind.moderation : null
}
