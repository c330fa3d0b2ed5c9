import type { RecordEntry } from '@pinnwand/shared'
import * as Y from 'yjs'

/** How long a delete is remembered against stale writes (a client that had not seen it yet). */
export const DELETE_MEMORY_MS = 10 * 60_000

interface EntryInfo {
  key: string
  /** When the entry stopped being current (replaced or deleted); null while it is current. */
  goneAt: number | null
}

/**
 * "Deleted is deleted": a delete wins over a concurrent move or edit of the same record.
 *
 * The board's records live in a YKeyValue: every write of a record appends a new `{key, val}`
 * entry and deletes the entry it replaces. Two writes that cross in flight therefore go wrong
 * in two ways, and plain Yjs merging cannot tell either from a legitimate change:
 * - **delete, then a stale move**: the mover had not seen the delete; its write deletes the
 *   (already deleted) old entry and appends a new one, and the card is back. Seen from the
 *   server this is an `add` of an id someone else deleted moments ago → refused by the room.
 * - **move, then a stale delete**: the deleter had not seen the move; its delete removes the
 *   old entry, which the move had already replaced, so nothing happens and the card stays.
 *   The server sees it only in the update's delete set: an entry of that key that was already
 *   gone → the room deletes the current entry on the deleter's behalf (if they may delete it).
 *
 * Pure Yjs bookkeeping: which entry (client id + clock) held which key, and who deleted which
 * record recently. No sockets, no store.
 */
export class ConcurrentDeleteGuard {
  /** `${client}:${clock}` of every entry seen → its key and when it stopped being current. */
  private readonly entries = new Map<string, EntryInfo>()
  /** Record id → user id of whoever deleted it, and when. */
  private readonly deletedBy = new Map<string, { userId: string; at: number }>()
  private readonly now: () => number
  private lastPrune = 0

  constructor(array: Y.Array<RecordEntry>, now: () => number = Date.now) {
    this.now = now
    for (let item = array._start; item !== null; item = item.right) {
      if (!item.deleted) this.noteAdded(item)
    }
    array.observe((event) => {
      for (const item of event.changes.added) this.noteAdded(item)
      for (const item of event.changes.deleted) this.noteGone(item)
    })
  }

  /**
   * Keys of entries this update deletes that were already gone before it: the writer deleted a
   * version of the record it had not yet seen replaced. Call before applying the update.
   */
  staleDeletes(update: Uint8Array): Set<string> {
    const keys = new Set<string>()
    const { ds } = Y.decodeUpdate(update)
    for (const [client, ranges] of ds.clients) {
      for (const { clock, len } of ranges) {
        for (let c = clock; c < clock + len; c++) {
          const entry = this.entries.get(`${client}:${c}`)
          if (entry && entry.goneAt !== null) keys.add(entry.key)
        }
      }
    }
    return keys
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
    for (const [id, info] of this.entries)
      if (info.goneAt !== null && now - info.goneAt >= DELETE_MEMORY_MS) this.entries.delete(id)
    for (const [id, deleted] of this.deletedBy) if (now - deleted.at >= DELETE_MEMORY_MS) this.deletedBy.delete(id)
  }

  private noteAdded(item: Y.Item): void {
    const values = item.content.getContent() as RecordEntry[]
    values.forEach((value, i) => {
      if (value && typeof value.key === 'string')
        this.entries.set(`${item.id.client}:${item.id.clock + i}`, { key: value.key, goneAt: null })
    })
  }

  private noteGone(item: Y.Item): void {
    const at = this.now()
    for (let i = 0; i < item.length; i++) {
      const entry = this.entries.get(`${item.id.client}:${item.id.clock + i}`)
      if (entry && entry.goneAt === null) entry.goneAt = at
    }
  }
}
