import {
  getDeletesMap,
  getRecordsArray,
  getReplacedMap,
  type RecordDelete,
  type RecordEntry,
  type ReplacedEntry,
} from '@pinnwand/shared'
import * as Y from 'yjs'
import type { DecodedUpdate } from './inspectClientUpdate.ts'
import { standsRightOf } from './recordEntries.ts'

/** How long a delete wins against writes of someone who had not seen it yet. */
export const DELETE_MEMORY_MS = 10 * 60_000

/** How long the room remembers which key a replaced entry held (deletes that crossed a move in flight). */
export const STALE_DELETE_WINDOW_MS = 60_000

/** Who wrote the transaction a change came in: a client on this instance, another instance, or us. */
export type WriteSource = 'client' | 'relay' | 'server'

/** A replaced entry: the key it held, when, the entry that replaced it, and how that came in. */
interface Replacement {
  key: string
  at: number
  by: Y.ID | null
  relayed: boolean
  /** The room's flush that sends it out (see `flushed`). */
  flush: number
  /** Removed by YKeyValue as the loser against a concurrent write (`by` unknown), not moved. */
  duplicate?: boolean
}

/** An entry a person wrote; `removedInFlush`: the room has removed it as a duplicate, sent out in that flush. */
interface OwnEntry {
  id: Y.ID
  at: number
  removedInFlush?: number
}

/** What one person's replica held when it opened this connection (its sync step 1). */
export type KnownState = Map<number, number>

const knows = (state: KnownState, id: Y.ID) => (state.get(id.client) ?? 0) > id.clock

/**
 * "Deleted is deleted": a delete wins over a concurrent move or edit, in both orders, on every
 * instance, for every kind of client, decided on the server.
 *
 * The board's records live in a YKeyValue: every write of a record appends a new `{key, val}`
 * entry and deletes the entry it replaces. Two orders can cross:
 * - **delete, then a stale move**: someone moves a card they have not yet seen deleted and
 *   writes a new entry, which plain merging would keep. Each delete a client makes is written
 *   to the document's server-owned `deletes` map (record id → who, when), so every instance,
 *   and the board after a reload, knows it: a client `add` of that id by anyone but the deleter
 *   is refused, and an entry that arrives from another instance (it was accepted there before
 *   the delete reached it) is deleted again.
 * - **move, then a stale delete**: the deleter removes the entry the move has already
 *   replaced, which would change nothing. A live update (y-websocket message "update", one
 *   transaction of the client) that deletes such a replaced entry, and writes no entry of that
 *   key itself, is that person deleting the card: the room deletes the current entry too.
 *   A sync step 2 (reconnect, offline cache) is different: it resends every delete the tab
 *   ever saw, so it is not read this way; the deleter's open tab repairs that case
 *   (client/src/sync/keepOwnDeletes.ts).
 */
export class DeleteWins {
  private readonly deletes: Y.Map<RecordDelete>
  /** Entries replaced or deleted recently, by client and clock: the key they held, and when. */
  private readonly replaced = new Map<number, Map<number, Replacement>>()
  /** Entries written recently (any source), by key: which live entry a reconnecting tab knew. */
  private readonly written = new Map<string, { id: Y.ID; at: number }[]>()
  /**
   * Entries each person wrote and has not deleted since, by user and key: what their replicas
   * may still hold of their own while the room has already removed them as a duplicate.
   */
  private readonly ownEntries = new Map<string, Map<string, OwnEntry[]>>()
  /** Flushes of the room so far: what changes now goes out in flush `flushes + 1`. */
  private flushes = 0
  private readonly doc: Y.Doc
  private readonly now: () => number
  private lastPrune = 0

  /**
   * `isClientWrite`: whether a transaction is a client's update on this instance. Only a
   * client's own move — a transaction that writes a key anew and deletes that key's entry —
   * counts as replacing an entry. Entries YKeyValue removes as duplicates after concurrent
   * writes (every replica removes the loser, in its own transaction, and sends that delete
   * along) must not: read as stale deletes, they would delete cards that were merely moved by
   * two people at once. Relayed updates mix both and are left out (that order, across
   * instances, stays with the deleter's tab).
   */
  constructor(doc: Y.Doc, sourceOf: (origin: unknown) => WriteSource, now: () => number = Date.now) {
    this.now = now
    this.doc = doc
    this.deletes = getDeletesMap(doc)
    getRecordsArray(doc).observe((event) => {
      const source = sourceOf(event.transaction.origin)
      const at = this.now()
      const written = new Map<string, Y.ID>()
      for (const item of event.changes.added) {
        if (!(item.content instanceof Y.ContentAny)) continue
        ;(item.content.arr as Partial<RecordEntry>[]).forEach((entry, i) => {
          if (typeof entry?.key !== 'string') return
          const id = Y.createID(item.id.client, item.id.clock + i)
          written.set(entry.key, id)
          this.noteWritten(entry.key, id, at)
        })
      }
      // An own entry someone else's transaction deleted — a move, a delete, the room's put-back
      // — reaches its writer's replica as deleted. YKeyValue's duplicate clean-up (origin null)
      // removes it too, but the writer may not have that yet: noted with the flush that sends it.
      this.noteOwnEntriesDeleted(event.changes.deleted, event.transaction.origin === null)
      if (event.transaction.origin === null && written.size === 0) {
        // YKeyValue removed the losers of concurrent writes: whoever deletes one of them without
        // having seen the winner is deleting the record (unless it is their own clean-up).
        this.noteDuplicatesRemoved(event.changes.deleted, at)
        return
      }
      if (written.size === 0 || source === 'server') return
      for (const item of event.changes.deleted) {
        const content = item.content
        if (!(content instanceof Y.ContentAny)) continue
        content.arr.forEach((entry, i) => {
          const key = (entry as Partial<RecordEntry> | null)?.key
          const by = typeof key === 'string' ? written.get(key) : undefined
          if (typeof key !== 'string' || !by) return
          this.noteReplaced(Y.createID(item.id.client, item.id.clock + i), {
            key,
            at,
            by,
            relayed: source === 'relay',
            flush: this.flushes,
          })
        })
      }
    })
  }

  private noteDuplicatesRemoved(deleted: Set<Y.Item>, at: number): void {
    for (const item of deleted) {
      if (!(item.content instanceof Y.ContentAny)) continue
      item.content.arr.forEach((entry, i) => {
        const key = (entry as Partial<RecordEntry> | null)?.key
        if (typeof key !== 'string') return
        const id = Y.createID(item.id.client, item.id.clock + i)
        if (this.replaced.get(id.client)?.has(id.clock)) return
        this.noteReplaced(id, { key, at, by: null, relayed: false, flush: this.flushes, duplicate: true })
      })
    }
  }

  private noteReplaced(entry: Y.ID, replacement: Replacement): void {
    let clocks = this.replaced.get(entry.client)
    if (!clocks) this.replaced.set(entry.client, (clocks = new Map()))
    clocks.set(entry.clock, replacement)
  }

  private noteWritten(key: string, id: Y.ID, at: number): void {
    const entries = this.written.get(key)
    if (entries) entries.push({ id, at })
    else this.written.set(key, [{ id, at }])
  }

  /**
   * The room put a record back in place of an entry a refused change had deleted. Whoever had
   * not seen that yet and deletes the old entry is deleting the record: remember it as replaced.
   */
  noteRestored(entry: Y.ID, key: string, restoredAs: Y.ID): void {
    this.noteReplaced(entry, { key, at: this.now(), by: restoredAs, relayed: false, flush: this.flushes })
  }

  /** Whether someone other than `userId` deleted record `id` within DELETE_MEMORY_MS. */
  deletedByOtherThan(id: string, userId: string): boolean {
    const deleted = this.recentDelete(id)
    return deleted !== null && deleted.by !== userId
  }

  /** A delete of `id` that still wins (within DELETE_MEMORY_MS), or null. */
  recentDelete(id: string): RecordDelete | null {
    const deleted = this.deletes.get(id)
    return deleted && this.now() - deleted.at < DELETE_MEMORY_MS ? deleted : null
  }

  /**
   * Keys whose replaced entries a live update of `userId` deletes without writing an entry of
   * that key itself: what its sender deleted without having seen the newer entry (an entry it
   * writes may lose to a concurrent one and vanish from YKeyValue's view, so the update's own
   * structs are read, not the room's change events). Bounded by what is remembered, however
   * large the delete ranges are.
   *
   * Not a delete: the sender's replica removing a duplicate after concurrent writes, which it
   * does in a transaction of its own (YKeyValue keeps a key's right-most entry). That is the
   * case when the sender still holds an entry of that key of its own to the right of the one it
   * removed — the room may already have removed that one too, as the loser against a third
   * write the sender has not seen yet (an owner's edit crossing a put-back and a move).
   */
  staleDeletedKeys(update: DecodedUpdate, userId: string): Set<string> {
    // A live transaction's deletes are its sender's own; entries replaced through the relay are
    // left out (other replicas' duplicate clean-ups arrive there looking like moves).
    const keys = new Set<string>()
    for (const { entry, replacement } of this.replacedIn(update)) {
      // A loser of one's own: its writer removes it as every replica does.
      if (replacement.duplicate && this.wrote(userId, replacement.key, entry)) continue
      if (!this.holdsOwnEntryRightOf(userId, entry, replacement, update)) {
        keys.add(replacement.key)
      }
    }
    return this.withoutWrittenBy(update, keys)
  }

  private wrote(userId: string, key: string, entry: Y.ID): boolean {
    return (this.ownEntries.get(userId)?.get(key) ?? []).some(
      ({ id }) => id.client === entry.client && id.clock === entry.clock,
    )
  }

  /** Whether `userId` wrote an entry of `key` right of `entry` that it has not deleted (nor does in `update`). */
  private holdsOwnEntryRightOf(userId: string, entry: Y.ID, replacement: Replacement, update: DecodedUpdate): boolean {
    const key = replacement.key
    // The sender still holds `entry`, so it has not had the flush that replaced it, nor any later
    // one: an own entry the room removed as a duplicate in that flush or later it still holds.
    const stillHeld = (e: OwnEntry) => e.removedInFlush === undefined || e.removedInFlush >= replacement.flush + 1
    const own = (this.ownEntries.get(userId)?.get(key) ?? []).filter(stillHeld)
    return own.some(({ id }) => !Y.isDeleted(update.ds, id) && standsRightOf(this.doc, entry, id))
  }

  private noteOwnEntriesDeleted(deleted: Set<Y.Item>, asDuplicate: boolean): void {
    if (this.ownEntries.size === 0) return
    for (const item of deleted) {
      if (!(item.content instanceof Y.ContentAny)) continue
      item.content.arr.forEach((entry, i) => {
        const key = (entry as Partial<RecordEntry> | null)?.key
        if (typeof key !== 'string') return
        const clock = item.id.clock + i
        const same = ({ id }: OwnEntry) => id.client === item.id.client && id.clock === clock
        for (const [userId, own] of this.ownEntries) {
          const entries = own.get(key)
          if (!entries) continue
          if (asDuplicate) {
            for (const e of entries) if (same(e)) e.removedInFlush ??= this.flushes + 1
            continue
          }
          this.keepOwnEntries(userId, key, (e) => !same(e))
        }
      })
    }
  }

  /** The room takes what changed so far into a flush, to persist and send out. */
  flushed(): void {
    this.flushes++
  }

  /**
   * Keeps track of the entries a person's client update writes and deletes (call for every
   * client update, after `staleDeletedKeys`): the entries of their own they still hold.
   */
  noteOwnUpdate(userId: string, update: DecodedUpdate): void {
    let own = this.ownEntries.get(userId)
    const at = this.now()
    for (const struct of update.structs) {
      if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentAny)) continue
      ;(struct.content.arr as Partial<RecordEntry>[]).forEach((entry, i) => {
        if (typeof entry?.key !== 'string') return
        if (!own) this.ownEntries.set(userId, (own = new Map()))
        const id = Y.createID(struct.id.client, struct.id.clock + i)
        const entries = own.get(entry.key)
        if (entries) entries.push({ id, at })
        else own.set(entry.key, [{ id, at }])
      })
    }
    if (!own) return
    // After the writes: an update from a cache or an offline tab writes and deletes in one.
    if (update.ds.clients.size > 0) {
      for (const key of [...own.keys()]) this.keepOwnEntries(userId, key, ({ id }) => !Y.isDeleted(update.ds, id))
    }
  }

  /** Keeps only the own entries of `key` that pass `keep`, forgetting emptied keys and people. */
  private keepOwnEntries(userId: string, key: string, keep: (entry: OwnEntry) => boolean): void {
    const own = this.ownEntries.get(userId)
    const entries = own?.get(key)
    if (!own || !entries) return
    const held = entries.filter(keep)
    if (held.length === entries.length) return
    if (held.length > 0) own.set(key, held)
    else if (own.delete(key) && own.size === 0) this.ownEntries.delete(userId)
  }

  /**
   * The same for a sync step 2 (reconnect, offline cache), which carries every delete the tab
   * ever saw: a replaced entry counts only when the tab did not know what replaced it and knew
   * no other live entry of that key (`known`: its sync step 1). Having learnt of the delete
   * from a server, it would have learnt of the replacement with it; so it deleted the record
   * itself, while the move or the restore was on its way.
   */
  staleDeletedKeysOfResync(update: DecodedUpdate, known: KnownState | undefined): Set<string> {
    const keys = new Set<string>()
    if (!known) return keys
    const deletedBySender = (id: Y.ID) => Y.isDeleted(update.ds, id)
    for (const { entry, replacement } of this.replacedIn(update)) {
      // The tab must have known the entry it deleted when it said what it knew. A page that
      // connects before its offline cache is loaded sends an empty state vector and then, in
      // its step 2, the cache's deletes: those tell nothing about what it did.
      if (!knows(known, entry)) continue
      if (!replacement.by || knows(known, replacement.by)) continue
      const knewLiveEntry = (this.written.get(replacement.key) ?? []).some(
        ({ id }) => knows(known, id) && !deletedBySender(id),
      )
      if (!knewLiveEntry) keys.add(replacement.key)
    }
    return this.withoutWrittenBy(update, keys)
  }

  /** Remembered replaced entries that this update deletes. Bounded by what is remembered. */
  private replacedIn(update: DecodedUpdate): { entry: Y.ID; replacement: Replacement }[] {
    const found: { entry: Y.ID; replacement: Replacement }[] = []
    for (const [client, ranges] of update.ds.clients) {
      const clocks = this.replaced.get(client)
      if (!clocks) continue
      for (const { clock, len } of ranges) {
        if (len <= clocks.size) {
          for (let c = clock; c < clock + len; c++) {
            const replacement = clocks.get(c)
            if (replacement) found.push({ entry: Y.createID(client, c), replacement })
          }
        } else {
          for (const [c, replacement] of clocks) {
            if (c >= clock && c < clock + len) found.push({ entry: Y.createID(client, c), replacement })
          }
        }
      }
    }
    return found
  }

  /** Drops the keys the update writes itself (its own move, not a delete). */
  private withoutWrittenBy(update: DecodedUpdate, keys: Set<string>): Set<string> {
    if (keys.size === 0) return keys
    for (const struct of update.structs) {
      if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentAny)) continue
      for (const entry of struct.content.arr as Partial<RecordEntry>[]) if (entry?.key) keys.delete(entry.key)
    }
    return keys
  }

  /**
   * Writes into the current (server) transaction: `deleted` ids were deleted by `userId`,
   * `restored` ids exist again by a write that stood (their delete is history).
   */
  note(deleted: Iterable<string>, restored: Iterable<string>, userId: string | null): void {
    const at = this.now()
    if (userId !== null) for (const id of deleted) this.deletes.set(id, { by: userId, at })
    for (const id of restored) if (this.deletes.has(id)) this.deletes.delete(id)
  }

  /** Ids in the `deletes` map changed by this transaction that are deletes still winning. */
  newDeletes(event: Y.YMapEvent<RecordDelete>): string[] {
    const ids: string[] = []
    for (const [id, change] of event.changes.keys) {
      if (change.action !== 'delete' && this.recentDelete(id)) ids.push(id)
    }
    return ids
  }

  /**
   * Forgets replaced entries past the window, and returns the deletes past DELETE_MEMORY_MS for
   * the room to remove from the document in a server transaction. Cheap to call often: runs at
   * most every few seconds.
   */
  prune(): string[] {
    const now = this.now()
    if (now - this.lastPrune < 5_000) return []
    this.lastPrune = now
    for (const [client, clocks] of this.replaced) {
      for (const [clock, entry] of clocks) if (now - entry.at >= STALE_DELETE_WINDOW_MS) clocks.delete(clock)
      if (clocks.size === 0) this.replaced.delete(client)
    }
    for (const [key, entries] of this.written) {
      const recent = entries.filter((e) => now - e.at < STALE_DELETE_WINDOW_MS)
      if (recent.length === 0) this.written.delete(key)
      else if (recent.length < entries.length) this.written.set(key, recent)
    }
    // Own entries the room has deleted long enough ago: their writer's replica has them no more.
    const deleted = (id: Y.ID) => {
      try {
        return (Y.getItem(this.doc.store, id) as Y.Item).deleted
      } catch {
        return true
      }
    }
    for (const [userId, own] of [...this.ownEntries]) {
      for (const key of [...own.keys()]) {
        this.keepOwnEntries(userId, key, ({ id, at }) => now - at < STALE_DELETE_WINDOW_MS || !deleted(id))
      }
    }
    return [...this.deletes.entries()].filter(([, d]) => now - d.at >= DELETE_MEMORY_MS).map(([id]) => id)
  }

  /**
   * Writes the replaced entries still in their window into the document's `replaced` map (call
   * inside a server transaction, before the board unloads): the memory of this room would be
   * gone, and an offline delete that crossed one of those moves would then lose.
   */
  saveReplaced(doc: Y.Doc): void {
    const map = getReplacedMap(doc)
    map.clear()
    const now = this.now()
    for (const [client, clocks] of this.replaced) {
      for (const [clock, r] of clocks) {
        if (now - r.at >= STALE_DELETE_WINDOW_MS) continue
        const saved: ReplacedEntry = {
          key: r.key,
          at: r.at,
          by: r.by ? [r.by.client, r.by.clock] : null,
          relayed: r.relayed,
        }
        map.set(`${client}:${clock}`, saved)
      }
    }
  }

  /**
   * Takes back what an earlier room of this board saved (call once at load, inside a server
   * transaction): entries still in their window are remembered again, and the map is emptied.
   */
  restoreReplaced(doc: Y.Doc): void {
    const map = getReplacedMap(doc)
    if (map.size === 0) return
    const now = this.now()
    for (const [id, saved] of map.entries()) {
      const [client, clock] = id.split(':').map(Number)
      if (!Number.isInteger(client) || !Number.isInteger(clock) || now - saved.at >= STALE_DELETE_WINDOW_MS) continue
      const by = saved.by ? Y.createID(saved.by[0], saved.by[1]) : null
      this.noteReplaced(Y.createID(client!, clock!), {
        key: saved.key,
        at: saved.at,
        by,
        relayed: saved.relayed,
        flush: this.flushes,
      })
    }
    map.clear()
  }

  /** Removes these deletes from the document (call inside a server transaction). */
  forget(ids: Iterable<string>): void {
    for (const id of ids) this.deletes.delete(id)
  }
}
