import { isIdeaCard } from '../domain/ideas.ts'
import type { RoomGuardFactory } from '../sync/roomGuards.ts'
import { BoardDoc } from '@pinnwand/shared'
import { CommentGuard } from './CommentGuard.ts'

/** Comments in every room: client writes to the `comments` map follow commentPolicy.ts. */
export const commentRoomGuard: RoomGuardFactory = (room) => {
  const guard = new CommentGuard(
    room.doc,
    (origin) => room.actorOf(origin),
    () => ({
      locked: room.isLockedForParticipants(),
      ideaExists: (id) => {
        const record = room.records.get(id)
        return record !== undefined && isIdeaCard(record)
      },
    }),
  )
  return {
    roots: [BoardDoc.comments],
    watches: (type) => guard.watches(type),
    reset: () => guard.reset(),
    hasRefusals: () => guard.hasRefusals,
    revert: () => guard.revert().map(({ change, refusal }) => ({ id: change.id, reason: refusal.reason })),
  }
}
