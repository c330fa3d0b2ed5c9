import { BoardDoc, currentRecords } from '@pinnwand/shared'
import { REMOVED_NAME } from '@pinnwand/shared/privacyApi'
import type { TLRecord } from '@tldraw/tlschema'
import type { BoardVersionStore } from '../history/BoardVersionStore.ts'
import { decodeVersionState, encodeVersionState } from '../history/versionState.ts'
import type { ParticipantNameRewrite } from '../store/participantNames.ts'
import type { Store } from '../store/Store.ts'
import type { RoomAccess } from '../sync/roomPorts.ts'
import { contentWithoutName, namesWithout, withoutName } from './anonymize.ts'

export interface NameRemoval {
  /** Cards and comments on live boards that named the participant. */
  boardEntries: number
  /** History versions rewritten. */
  versions: number
}

/**
 * "Remove my name" (DSGVO Art. 17 for one person of a workshop): the participant's name becomes
 * "Teilnehmende/r" on every board of the workshop (their cards and comments), in every history
 * version, in the participant row and in every ballot — so views, results and every export
 * show the replacement. Each board is compacted afterwards: the snapshot is written from the
 * garbage-collected document and the update log that still held the old name is dropped.
 * Browsers that had the board open keep the old name in their offline cache until they sync.
 */
export async function removeParticipantName(
  deps: {
    store: Store
    rooms: RoomAccess
    versions: BoardVersionStore
    /** The features' rewrites of their tables (features/coreHooks.ts, `ParticipantNameRewrites`). */
    nameRewrites: readonly ParticipantNameRewrite[]
  },
  workshopId: string,
  participantId: string,
): Promise<NameRemoval | null> {
  const participant = await deps.store.getParticipant(participantId)
  if (!participant || participant.workshopId !== workshopId) return null
  const oldName = participant.name
  const result: NameRemoval = { boardEntries: 0, versions: 0 }
  for (const board of await deps.store.listBoards(workshopId)) {
    const room = await deps.rooms.open(board.id)
    try {
      await room.change((records, doc) => {
        for (const record of currentRecords(records)) {
          const replaced = withoutName(record, participantId, REMOVED_NAME)
          if (replaced) {
            records.set(record.id, replaced as TLRecord)
            result.boardEntries++
          }
        }
        const comments = doc.getMap<unknown>(BoardDoc.comments)
        for (const [key, value] of [...comments.entries()]) {
          const replaced = withoutName(value, participantId, REMOVED_NAME)
          if (replaced) {
            comments.set(key, replaced)
            result.boardEntries++
          }
        }
      })
      await room.flushAndCompact()
    } finally {
      deps.rooms.releaseIfIdle(room)
    }
    for (const version of await deps.versions.listVersions(board.id)) {
      const stored = await deps.versions.getVersion(board.id, version.id)
      if (!stored) continue
      const { content, changed } = contentWithoutName(decodeVersionState(stored.state), participantId, REMOVED_NAME)
      const createdBy = namesWithout(version.createdBy, oldName, REMOVED_NAME)
      if (changed === 0 && createdBy === version.createdBy) continue
      await deps.versions.rewriteVersion(board.id, version.id, encodeVersionState(content), createdBy)
      result.versions++
    }
  }
  await deps.store.replaceParticipantName(workshopId, participantId, REMOVED_NAME, deps.nameRewrites)
  await deps.store.reclaimDeletedData()
  return result
}
