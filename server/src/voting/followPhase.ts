import type { BoardPhase, BoardStateMessage } from '@pinnwand/shared'
import type { Logger } from 'pino'
import type { BoardRow } from '../store/Store.ts'

/** What moving a board to another phase needs: where the phase is stored, and who hears of it. */
export interface PhaseTarget {
  store: { updateBoardState(boardId: string, state: Partial<Pick<BoardRow, 'phase'>>): Promise<void> }
  rooms: { setBoardState(boardId: string, patch: Partial<BoardStateMessage>): void }
  logger: Pick<Logger, 'info' | 'warn'>
}

/**
 * Phases follow what happens (issue 14): opening a voting round moves the board to `vote`,
 * revealing one to `results`, so that nobody's chip says "Gruppieren" during a Punktabfrage. The
 * facilitator can still set any phase by hand afterwards (the phase route). No board version is
 * taken here: opening a round takes its own, and a reveal changes nothing on the board.
 *
 * Never fails the caller: the round is open (or revealed) either way; a phase that could not be
 * stored is logged, and the facilitator can set it by hand.
 */
export async function followPhase(
  target: PhaseTarget,
  board: Pick<BoardRow, 'id' | 'phase'>,
  phase: BoardPhase,
): Promise<void> {
  if (board.phase === phase) return
  try {
    await target.store.updateBoardState(board.id, { phase })
    target.rooms.setBoardState(board.id, { phase })
    target.logger.info({ boardId: board.id, from: board.phase, to: phase }, 'phase follows the voting round')
  } catch (error) {
    target.logger.warn({ err: error, boardId: board.id, phase }, 'phase did not follow the voting round')
  }
}
