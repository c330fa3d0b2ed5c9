import type { BoardExtras, ExportedBoard } from '../features/boardExtras.ts'
import { votingReportInput } from './votingExtras.ts'
import type { VotingStore } from './VotingStore.ts'

/**
 * Voting's part of a board's report (`ServerFeature.boardExtras`): every round with its dots
 * per idea, and the shortlist. Read from this server's own store at each export.
 */
export const votingBoardExtras = (
  board: ExportedBoard,
  ctx: { store: { voting: VotingStore } },
): Promise<BoardExtras> => votingReportInput(ctx.store.voting, board.id)
