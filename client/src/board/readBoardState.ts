import { BoardPhase, type BoardStateMessage } from '@pinnwand/shared/boardState'

const phases = new Set<string>(Object.values(BoardPhase))

/**
 * The server-owned board state from a board-state message payload, or null if it is not one.
 * Checked even though it comes from our server: a half-deployed update must not crash the board.
 */
export function readBoardState(json: string): BoardStateMessage | null {
  let value: unknown
  try {
    value = JSON.parse(json)
  } catch {
    return null
  }
  if (typeof value !== 'object' || value === null) return null
  const { locked, phase } = value as Record<string, unknown>
  if (typeof locked !== 'boolean' || typeof phase !== 'string' || !phases.has(phase)) return null
  return { ...(value as Record<string, unknown>), locked, phase: phase as BoardPhase }
}
