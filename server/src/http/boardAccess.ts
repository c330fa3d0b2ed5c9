import { ErrorCode } from '@pinnwand/shared'
import type { TLRecord } from '@tldraw/tlschema'
import type { YKeyValue } from 'y-utility/y-keyvalue'
import { type Actor, canReadBoard } from '../auth/Actor.ts'
import type { BoardRow } from '../store/Store.ts'
import type { BoardRoom } from '../sync/BoardRoom.ts'
import { LOCKED_VERDICT, type PolicyContext, type Verdict } from '../sync/recordPolicy.ts'
import type { AppContext } from './context.ts'
import { ApiError, forbidden } from './errors.ts'

/*
 * What every board route needs, the core's and the features' alike: the board a token may read,
 * and the room's record rules for API writes. (Here, not in a route module: routes do not
 * import each other.)
 */

/** Loads the board and checks the actor may read it (404 before 403 leaks nothing useful). */
export async function boardFor(ctx: AppContext, actor: Actor, boardId: string): Promise<BoardRow> {
  const board = await ctx.store.getBoard(boardId)
  if (!board || board.workshopId !== actor.workshopId) {
    throw new ApiError(404, ErrorCode.boardNotFound, 'No board with this id.')
  }
  if (!canReadBoard(actor, board)) throw forbidden('This token does not give access to this board.')
  return board
}

/**
 * The facts the room judges socket writes with, for a write inside `room.change`: API writes
 * follow the same rules (locks, open rounds, limits, parents) as the socket.
 */
export function recordPolicyContext(room: BoardRoom, records: YKeyValue<TLRecord>): PolicyContext {
  return { locked: room.isLockedForParticipants, getRecord: (id) => records.get(id) }
}

/** A refused record write as an API error: 409 while locked, 403 for ownership, else 400. */
export function recordRefusalError(verdict: NonNullable<Verdict>): ApiError {
  if (verdict === LOCKED_VERDICT) {
    return new ApiError(409, ErrorCode.boardLocked, 'The board is locked (or a voting round is open).')
  }
  if (/^(only |read-only|another user)/.test(verdict)) return forbidden(`Not allowed: ${verdict}.`)
  return new ApiError(400, ErrorCode.validationFailed, verdict)
}
