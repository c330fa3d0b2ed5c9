/** How long a delete is remembered against stale writes (a client that had not seen it yet). */
export const DELETE_MEMORY_MS = 10 * 60_000

/**
 * "Deleted is deleted": a delete wins over a concurrent move or edit that brings the record back.
 *
 * The board's records live in a YKeyValue: every write of a record appends a new `{key, val}`
 * entry and deletes the entry it replaces. A client that moves a card it has not yet seen
 * deleted (the delete and the drag crossed in flight, or the drag was made offline) writes a
 * new entry, and plain Yjs merging would bring the card back. The room sees that as an `add` of
 * an id someone else deleted moments ago, asks this guard, and refuses it. The deleter's own
 * undo brings the card back as before; restores run on the server and are not reviewed.
 *
 * The opposite order — a stale delete of a card that was moved meanwhile — is not caught: the
 * delete removes the entry the move had already replaced, so the card stays. From the server's
 * side that is indistinguishable from a client replaying old deletes (a reload from the
 * browser's cache sends every delete it ever saw), so it is left to the deleter's tab, which
 * knows what it just deleted (client/src/sync/keepOwnDeletes.ts).
 *
 * Pure bookkeeping: who deleted which record recently. No document, sockets or store.
 */
export class ConcurrentDeleteGuard {
  /** Record id → user id of whoever deleted it, and when. */
  private readonly deletedBy = new Map<string, { userId: string; at: number }>()
  private readonly now: () => number
  private lastPrune = 0

  constructor(now: () => number = Date.now) {
    this.now = now
  }

  /** A client (`userId`) deleted record `id`. */
  noteDeleted(id: string, userId: string): void {
    this.deletedBy.set(id, { userId, at: this.now() })
  }

  /** Record `id` exists again (a write that stands, a restore): its delete is history. */
  forget(id: string): void {
    this.deletedBy.delete(id)
  }

  /** Whether someone other than `userId` deleted record `id` within DELETE_MEMORY_MS. */
  deletedByOtherThan(id: string, userId: string): boolean {
    const deleted = this.deletedBy.get(id)
    return deleted !== undefined && deleted.userId !== userId && this.now() - deleted.at < DELETE_MEMORY_MS
  }

  /** Drops what is older than DELETE_MEMORY_MS; cheap to call often (runs at most once a minute). */
  prune(): void {
    const now = this.now()
    if (now - this.lastPrune < 60_000) return
    this.lastPrune = now
    for (const [id, deleted] of this.deletedBy) if (now - deleted.at >= DELETE_MEMORY_MS) this.deletedBy.delete(id)
  }
}
