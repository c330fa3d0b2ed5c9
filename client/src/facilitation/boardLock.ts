import type { BoardStateMessage } from '@pinnwand/shared/boardState'

export type LockReason = 'locked' | 'round'

/**
 * Whether participants can change the board, and why not: the facilitator locked it, or a
 * voting round is open (cards must not move under people's fingers). The server enforces both
 * (server/src/sync/BoardRoom.ts isLockedForParticipants); the UI says which one applies.
 */
export function boardLock(state: BoardStateMessage | null | undefined): { locked: boolean; reason: LockReason | null } {
  if (!state) return { locked: false, reason: null }
  if (state.locked) return { locked: true, reason: 'locked' }
  const round = state.round as { status?: unknown } | null | undefined
  if (round?.status === 'open') return { locked: true, reason: 'round' }
  return { locked: false, reason: null }
}
