/**
 * Server-owned board state (lock, phase, voting round progress, timer). It never lives in the
 * board document: the server sends it as JSON on the board's WebSocket, as y-websocket message
 * type BOARD_STATE_MESSAGE, to clients that ask for it with `?state=1`. Plain Yjs clients that
 * don't ask never see the extra message type.
 */
export const BOARD_STATE_MESSAGE = 100
export const BOARD_STATE_PARAM = 'state'

export const BoardPhase = { collect: 'collect', cluster: 'cluster', vote: 'vote', results: 'results' } as const
export type BoardPhase = (typeof BoardPhase)[keyof typeof BoardPhase]

export interface BoardStateMessage {
  locked: boolean
  phase: BoardPhase
  /** Further server-owned sections (voting round progress, timer) are added by their features. */
  [section: string]: unknown
}
