import * as Y from 'yjs'
import type { BoardDocumentStore } from '../store/Store.ts'
import { dropPending } from '../sync/updateDependencies.ts'

/**
 * Compaction when several instances append to one board's log. A room's own document may not
 * yet hold an entry another instance appended a moment ago (it is still on its way through the
 * relay), so its snapshot must not be used to drop log entries. The store's own content is the
 * truth: fold the snapshot and every entry read in one consistent view into a new snapshot.
 * The store refuses to replace a snapshot that covers more, so concurrent compactions are safe.
 */
export async function compactFromStore(store: BoardDocumentStore, boardId: string): Promise<void> {
  const stored = await store.loadBoardDocument(boardId)
  const last = stored.updates.at(-1)
  if (!last) return
  const doc = new Y.Doc()
  try {
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot)
    for (const update of stored.updates) Y.applyUpdate(doc, update.data)
    // Every entry's dependencies precede it in the log (an instance persists only what it could
    // integrate), so anything pending here is junk from before rooms refused it: leave it out.
    dropPending(doc)
    await store.compact(boardId, Y.encodeStateAsUpdate(doc), last.seq)
  } finally {
    doc.destroy()
  }
}
