import type { BoardStateMessage } from '@pinnwand/shared/boardState'

/**
 * The table's number to show: the one the organiser set while this page was open (board state,
 * sent to every open board and projector of both tables of a swap), else the one it loaded with.
 */
export function liveTableNumber(
  loaded: number | null | undefined,
  state: BoardStateMessage | null,
): number | null | undefined {
  const section = state?.table
  if (typeof section !== 'object' || section === null) return loaded
  const { number } = section as { number?: unknown }
  return typeof number === 'number' || number === null ? number : loaded
}
