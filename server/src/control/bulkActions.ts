import type { BulkAction, BulkTableResult } from '@pinnwand/shared/controlApi'

/** One table's own request for a bulk action: the same endpoint a facilitator's click calls. */
export interface TableRequest {
  method: 'POST' | 'PATCH'
  url: string
  body: unknown
}

/** The round a close or reveal acts on; chosen by the caller from the table's rounds. */
export interface RoundRef {
  id: string
  status: 'open' | 'closed' | 'revealed'
}

/**
 * Which request a bulk action makes on one table, or why the table has nothing to act on. Pure:
 * the caller sends it through the table's own route, so every rule of that route applies.
 */
export function tableRequest(
  action: BulkAction,
  boardId: string,
  latestRound: RoundRef | null,
): TableRequest | { refused: BulkTableResult } {
  const board = `/api/boards/${encodeURIComponent(boardId)}`
  switch (action.type) {
    case 'phase':
      return { method: 'POST', url: `${board}/phase`, body: { phase: action.phase } }
    case 'lock':
      return { method: 'POST', url: `${board}/lock`, body: { locked: action.locked } }
    case 'openRound':
      return { method: 'POST', url: `${board}/rounds`, body: action.round }
    case 'timer':
      return { method: 'POST', url: `${board}/timer`, body: action.timer }
    case 'message':
      return { method: 'POST', url: `${board}/message`, body: action.message }
    case 'privatePhase':
      return {
        method: 'POST',
        url: `${board}/private-phase`,
        body: { facilitatorSeesTexts: action.facilitatorSeesTexts },
      }
    case 'revealPrivate':
      return { method: 'POST', url: `${board}/private-phase/reveal`, body: { anonymous: action.anonymous } }
    case 'moderation':
      return { method: 'PATCH', url: board, body: { moderation: action.on } }
    case 'closeRound':
      if (latestRound?.status !== 'open') return { refused: noRound(boardId, 'This table has no open voting round.') }
      return { method: 'POST', url: `/api/rounds/${encodeURIComponent(latestRound.id)}/close`, body: {} }
    case 'revealRound':
      if (!latestRound || latestRound.status === 'revealed')
        return { refused: noRound(boardId, 'This table has no round to reveal.') }
      return { method: 'POST', url: `/api/rounds/${encodeURIComponent(latestRound.id)}/reveal`, body: {} }
  }
}

function noRound(boardId: string, message: string): BulkTableResult {
  return { boardId, ok: false, status: 409, error: { code: 'no_round', message } }
}

/** The key under which a table's success with a request id is remembered (retries skip it). */
export function takenKey(workshopId: string, requestId: string, boardId: string): string {
  return `bulk:${workshopId}:${requestId}:${boardId}`
}
