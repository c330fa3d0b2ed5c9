import * as Y from 'yjs'
import type { BoardDocumentStore, StoredBoardDocument } from '../store/Store.ts'
import { dropPending } from '../sync/updateDependencies.ts'

/**
 * Compaction when several instances append to one board's log. A room's own document may not
 * yet hold an entry another instance appended a moment ago (it is still on its way through the
 * relay), so its snapshot must not be used to drop log entries. The store's own content is the
 * truth: fold the snapshot and every entry into a new snapshot, while no append to the board is
 * in flight (`compactStored`). The store refuses to replace a snapshot that covers more.
 */
export async function compactFromStore(store: BoardDocumentStore, boardId: string): Promise<void> {
  await store.compactStored(boardId, foldStored)
}

/** The snapshot and every entry of the log folded into one update. */
function foldStored(stored: StoredBoardDocument): Uint8Array {
  const doc = new Y.Doc()
  try {
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot)
    for (const update of stored.updates) Y.applyUpdate(doc, update.data)
    // Every entry's dependencies precede it in the log (an instance persists only what it could
    // integrate), so anything pending here is junk from before rooms refused it: leave it out.
    dropPending(doc)
    return Y.encodeStateAsUpdate(doc)
  } finally {
    doc.destroy()
  }
}
