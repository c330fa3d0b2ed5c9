import type { RoomGuardFactory, RoomNotice } from '../sync/roomGuards.ts'
import { type MassDelete, MassDeleteWatch } from './MassDeleteWatch.ts'

export type MassDeleteNotice = RoomNotice & { kind: 'mass-delete' } & MassDelete

export const isMassDeleteNotice = (notice: RoomNotice): notice is MassDeleteNotice => notice.kind === 'mass-delete'

/** Every room watches for mass deletes, so board history can keep the board from before. */
export const massDeleteRoomGuard: RoomGuardFactory = (room) => {
  const watch = new MassDeleteWatch(undefined, () => room.clock.now())
  return {
    noteClientDelete: (record, actor) => watch.noteDelete(record, actor.name),
    atTick: () => {
      const found = watch.take((id) => room.records.has(id))
      return found ? { kind: 'mass-delete', ...found } : null
    },
  }
}
