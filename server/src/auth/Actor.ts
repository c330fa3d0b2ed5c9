import type { Role } from '../store/Store.ts'

/** Who is acting, as established from a valid token. Domain code decides with this alone. */
export interface Actor {
  role: Role
  workshopId: string
  /** Limits the actor to one board (board projector tokens). */
  boardId: string | null
  /** Participant id, or the facilitator's / projector's id. */
  userId: string
  name: string
}

export function canReadBoard(actor: Actor, board: { id: string; workshopId: string }): boolean {
  if (actor.workshopId !== board.workshopId) return false
  return actor.boardId === null || actor.boardId === board.id
}

export function canWriteBoard(actor: Actor, board: { id: string; workshopId: string }): boolean {
  return canReadBoard(actor, board) && actor.role !== 'projector'
}
