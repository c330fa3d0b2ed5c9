import { BoardDoc, getDeletesMap, getMetaMap, getRecordsArray, type RecordDelete } from '@pinnwand/shared'
import type { TLRecord, TLSchema } from '@tldraw/tlschema'
import type { Logger } from 'pino'
import type { YKeyValue } from 'y-utility/y-keyvalue'
import * as Y from 'yjs'
import type { Actor } from '../auth/Actor.ts'
import type { DeleteWins } from './DeleteWins.ts'
import { childrenOfRestored, deleteEntriesOf, deleteHiddenEntries, entryIdOf, indexOfEntry } from './recordEntries.ts'
import { type RecordChange, reviewRecordChange } from './recordPolicy.ts'
import type { GuardRefusal, RoomGuard } from './roomGuards.ts'
import { RELAY_ORIGIN, SERVER_ORIGIN } from './roomOrigins.ts'

/** YKeyValue's change event payload. */
type RecordChanges = Map<string, { action: 'add' | 'update' | 'delete'; oldValue?: TLRecord; newValue?: TLRecord }>

/** What the review needs of its room; the room stays the one that owns doc, clock and sockets. */
export interface ReviewedRoom {
  readonly boardId: string
  readonly doc: Y.Doc
  readonly records: YKeyValue<TLRecord>
  readonly schema: TLSchema
  readonly deleteWins: DeleteWins
  readonly guards: readonly RoomGuard[]
  readonly logger: Logger
  /** The actor of a transaction origin that is one of this room's connections; null otherwise. */
  actorOf(origin: unknown): Actor | null
  isLockedForParticipants(): boolean
  /** The server rewrote what clients sent: the next flush sends the document's net diff. */
  rewritten(): void
  /** A change was refused and put back: `record` is what the client wrote (absent for a delete). */
  refused(refusal: { connectionId: string; actor: Actor; recordId: string; reason: string; record?: TLRecord }): void
}

/**
 * The server's review of client writes to one board document: every record change a client's
 * update makes is checked (record rules, the features' guards, deletes that win) while Yjs
 * applies it, and what is refused is put back in one server transaction afterwards. Also the
 * delete-wins bookkeeping around it: deletes that cross moves, on this instance and relayed.
 */
export class UpdateReview {
  private readonly room: ReviewedRoom
  private refusals: { entry: RecordChange; reason: string }[] = []
  /** Records a client deleted in the update under review, and the delete stood. */
  private allowedDeletes: TLRecord[] = []
  private deletedNow: string[] = []
  private writtenNow = new Set<string>()
  /** Where the entries a client's update deleted stood (for putting a refused change back there). */
  private deletedEntries = new Map<string, Y.ID>()
  /** Ids another instance brought back although a delete still wins here. */
  private readonly redelete = new Set<string>()
  private foreignWrite = false

  constructor(room: ReviewedRoom) {
    this.room = room
    const { doc } = room
    doc.on('afterTransaction', (transaction: Y.Transaction) => this.detectForeignWrites(transaction))
    getRecordsArray(doc).observe((event) => {
      if (room.actorOf(event.transaction.origin) === null) return
      for (const item of event.changes.deleted) {
        if (!(item.content instanceof Y.ContentAny)) continue
        // By id, not by object: Yjs garbage-collects and merges deleted items after the transaction.
        ;(item.content.arr as { key?: unknown }[]).forEach((entry, i) => {
          if (typeof entry?.key === 'string')
            this.deletedEntries.set(entry.key, Y.createID(item.id.client, item.id.clock + i))
        })
      }
    })
    getDeletesMap(doc).observe((event: Y.YMapEvent<RecordDelete>) => {
      // Another instance's delete reached us after a move it had not seen: the move loses here too.
      if (event.transaction.origin !== RELAY_ORIGIN) return
      for (const id of room.deleteWins.newDeletes(event)) if (room.records.has(id)) this.redelete.add(id)
    })
    room.records.on('change', (changes: RecordChanges, transaction: Y.Transaction) =>
      this.reviewChanges(changes, transaction),
    )
  }

  /** A client update is about to be applied: forget everything about the last one. */
  begin(): void {
    this.refusals = []
    this.allowedDeletes = []
    this.deletedNow = []
    this.writtenNow = new Set()
    this.deletedEntries = new Map()
    this.foreignWrite = false
    for (const guard of this.room.guards) guard.reset?.()
  }

  /**
   * After the client update is applied: puts back what was refused, keeps one entry of keys it
   * wrote twice and settles its deletes.
   */
  finish(connectionId: string, actor: Actor, staleDeletes: Set<string> | null, duplicateKeys?: string[]): void {
    if (this.refusals.length > 0 || this.room.guards.some((guard) => guard.hasRefusals?.())) {
      this.compensate(connectionId, actor)
    }
    if (duplicateKeys) this.removeDuplicateEntries(duplicateKeys)
    this.settleDeletes(actor, staleDeletes)
  }

  /** Whether the update under review wrote outside the board's records (the connection must go). */
  get wroteOutsideRecords(): boolean {
    return this.foreignWrite
  }

  /** Deletes what another instance brought back although its delete still wins here. */
  enforceDeletes(): void {
    if (this.redelete.size === 0) return
    const { records, deleteWins, doc } = this.room
    const ids = [...this.redelete].filter((id) => records.has(id) && deleteWins.recentDelete(id))
    this.redelete.clear()
    if (ids.length > 0) doc.transact(() => deleteEntriesOf(doc, ids), SERVER_ORIGIN)
  }

  private reviewChanges(changes: RecordChanges, transaction: Y.Transaction): void {
    const { doc, deleteWins, guards } = this.room
    const actor = this.room.actorOf(transaction.origin)
    if (actor === null) {
      // Server writes (API, restore, compensation) and other instances' writes stand as they
      // are, except an entry another instance accepted before a delete that wins reached it.
      const written = [...changes].filter(([, change]) => change.action !== 'delete').map(([id]) => id)
      if (transaction.origin === RELAY_ORIGIN) {
        for (const id of written) if (deleteWins.recentDelete(id)) this.redelete.add(id)
      } else if (written.some((id) => deleteWins.recentDelete(id))) {
        // The server brought it back (a restore): its delete is history, on every instance.
        doc.transact(() => deleteWins.note([], written, null), SERVER_ORIGIN)
      }
      return
    }
    for (const [id, change] of changes) {
      const entry: RecordChange = {
        id,
        before: change.action === 'add' ? undefined : change.oldValue,
        after: change.action === 'delete' ? undefined : change.newValue,
      }
      if (change.action === 'delete') for (const guard of guards) guard.noteClientDelete?.(change.oldValue, actor)
      const reason =
        change.action === 'add' && deleteWins.deletedByOtherThan(id, actor.userId)
          ? 'someone else deleted this meanwhile'
          : (this.reviewByRules(actor, entry, (key) => changes.has(key)) ?? this.reviewByGuards(actor, entry))
      if (reason) {
        this.refusals.push({ entry, reason })
        // An update that only appends an entry of a key (no delete of the current one: a
        // hostile or hand-made client) leaves the old entry to YKeyValue's clean-up. The put-back
        // belongs where that entry stands, found now while its content is still there.
        if (change.action === 'update' && !this.deletedEntries.has(id)) {
          const previous = entryIdOf(doc, id, change.oldValue)
          if (previous) this.deletedEntries.set(id, previous)
        }
      } else if (change.action === 'delete') {
        this.deletedNow.push(id)
        if (change.oldValue) this.allowedDeletes.push(change.oldValue)
      } else this.writtenNow.add(id)
    }
  }

  private reviewByRules(actor: Actor, entry: RecordChange, writtenBySameUpdate?: (id: string) => boolean) {
    return reviewRecordChange(actor, entry, this.room.schema, {
      locked: this.room.isLockedForParticipants(),
      getRecord: (id) => this.room.records.get(id),
      ...(writtenBySameUpdate ? { writtenBySameUpdate } : {}),
    })
  }

  private reviewByGuards(actor: Actor, entry: RecordChange): string | null {
    for (const guard of this.room.guards) {
      const reason = guard.reviewRecord?.(actor, entry)
      if (reason) return reason
    }
    return null
  }

  /**
   * After a client update: its deletes are written down (they win over stale moves on every
   * instance, also after a reload), its writes that stood clear old deletes (the deleter's undo),
   * and a stale delete — a live update deleting an entry someone's move had already replaced,
   * without writing that record itself — deletes the record, if this person may delete it.
   */
  private settleDeletes(actor: Actor, staleDeletes: Set<string> | null): void {
    const { records, doc, deleteWins } = this.room
    const stale: string[] = []
    for (const id of staleDeletes ?? []) {
      const current = records.get(id)
      if (!current || this.writtenNow.has(id) || this.deletedNow.includes(id)) continue
      if (this.reviewByRules(actor, { id, before: current, after: undefined }) === null) stale.push(id)
    }
    const deleted = [...this.deletedNow.filter((id) => !records.has(id)), ...stale]
    const written = [...this.writtenNow].filter((id) => records.has(id))
    if (deleted.length === 0 && !written.some((id) => deleteWins.recentDelete(id))) return
    doc.transact(() => {
      deleteEntriesOf(doc, stale)
      deleteWins.note(deleted, written, actor.userId)
    }, SERVER_ORIGIN)
    if (stale.length > 0) {
      this.room.logger.info({ boardId: this.room.boardId, recordIds: stale }, 'a delete won over a move it crossed')
    }
  }

  /** Keeps only the entry the map holds of keys an update wrote twice (recordEntries.ts). */
  private removeDuplicateEntries(keys: string[]): void {
    const { doc, records } = this.room
    let removed = false
    doc.transact(() => {
      removed = deleteHiddenEntries(doc, keys, (key) => records.map.get(key))
    }, SERVER_ORIGIN)
    if (removed) this.room.rewritten()
  }

  /** Reverts refused changes in one server transaction; others receive only the net result. */
  private compensate(connectionId: string, actor: Actor): void {
    const { doc, records, guards } = this.room
    const refusals = this.refusals
    this.refusals = []
    let refusedByGuards: GuardRefusal[] = []
    const orphans = childrenOfRestored(refusals, this.allowedDeletes)
    doc.transact(() => {
      deleteEntriesOf(
        doc,
        refusals.filter(({ entry }) => entry.before === undefined).map(({ entry }) => entry.id),
      )
      for (const { entry } of refusals) if (entry.before !== undefined) this.restoreInPlace(entry.id, entry.before)
      for (const record of orphans) records.set(record.id, record)
      refusedByGuards = guards.flatMap((guard) => guard.revert?.() ?? [])
    }, SERVER_ORIGIN)
    for (const { id, reason } of refusedByGuards) {
      refusals.push({ entry: { id, before: undefined, after: undefined }, reason })
    }
    this.room.rewritten()
    for (const { entry, reason } of refusals) {
      this.room.logger.warn({ boardId: this.room.boardId, connectionId, recordId: entry.id, reason }, 'change refused')
      const record = entry.after
      this.room.refused({ connectionId, actor, recordId: entry.id, reason, ...(record ? { record } : {}) })
    }
  }

  /**
   * Puts a record back as it was, where its entry stood. Appending it (YKeyValue.set) would make
   * the restored entry concurrent with whatever the owner wrote meanwhile at the end of the
   * array, and where Yjs orders it to the right the owner's edit would be lost for everyone.
   * Inserted where the replaced entry was, it stays to the left of any such edit, which wins.
   */
  private restoreInPlace(id: string, before: TLRecord): void {
    const { doc, deleteWins } = this.room
    const replaced = this.deletedEntries.get(id)
    deleteEntriesOf(doc, [id])
    const array = getRecordsArray(doc)
    const index = replaced ? indexOfEntry(doc, replaced) : -1
    // The entry inserted below gets the server's next clock.
    const restoredAs = Y.createID(doc.clientID, Y.getState(doc.store, doc.clientID))
    if (replaced && index >= 0) deleteWins.noteRestored(replaced, id, restoredAs)
    array.insert(index >= 0 ? index : array.length, [{ key: id, val: before }])
  }

  private detectForeignWrites(transaction: Y.Transaction): void {
    const origin = transaction.origin
    if (origin === SERVER_ORIGIN || origin === RELAY_ORIGIN || origin === null) return
    const recordsType = getRecordsArray(this.room.doc)
    for (const type of transaction.changed.keys()) {
      if (type !== recordsType && !this.room.guards.some((guard) => guard.watches?.(type))) this.foreignWrite = true
    }
  }

  /** Undo whatever a client managed to put outside `records` (defence in depth). */
  restoreForeignTypes(): void {
    const { doc, guards, schema } = this.room
    const guardedRoots = new Set(guards.flatMap((guard) => guard.roots ?? []))
    doc.transact(() => {
      for (const [name, type] of doc.share) {
        if (name === BoardDoc.records || name === BoardDoc.deletes || name === BoardDoc.replaced) continue
        if (guardedRoots.has(name)) continue
        if (name === BoardDoc.meta) {
          getMetaMap(doc).set(BoardDoc.schemaKey, schema.serialize())
          continue
        }
        if (type instanceof Y.Map) for (const key of [...type.keys()]) type.delete(key)
        else if (type instanceof Y.Array || type instanceof Y.Text) type.delete(0, type.length)
      }
    }, SERVER_ORIGIN)
    this.room.rewritten()
  }
}
