import { getRecordsArray, type RecordEntry } from '@pinnwand/shared'
import type { TLRecord } from '@tldraw/tlschema'
import type * as Y from 'yjs'
import type { RecordChange } from './recordPolicy.ts'

/**
 * Operations on the entries of a board's `records` array (a YKeyValue) that the room needs to
 * undo what it refuses. Call them inside a server transaction.
 */

/**
 * Deletes every entry of these keys. YKeyValue.delete removes only the left-most entry of a
 * key, which is not the current one when an update wrote the key twice; a record the review
 * refused must leave no entry behind.
 */
export function deleteEntriesOf(doc: Y.Doc, ids: Iterable<string>): void {
  const keys = new Set(ids)
  if (keys.size === 0) return
  const array = getRecordsArray(doc)
  const entries = array.toArray()
  for (let index = entries.length - 1; index >= 0; index--) {
    if (keys.has(entries[index]!.key)) array.delete(index, 1)
  }
}

/**
 * Entries of these keys that the map does not show: an update that writes one key twice leaves
 * a second entry that YKeyValue's map hides (and the review never saw) but that a joining client
 * reads as the record. Deletes them; returns whether there were any.
 */
export function deleteHiddenEntries(
  doc: Y.Doc,
  keys: string[],
  shown: (key: string) => RecordEntry | undefined,
): boolean {
  const wanted = new Set(keys)
  const array = getRecordsArray(doc)
  const stale: number[] = []
  array.toArray().forEach((entry, index) => {
    if (wanted.has(entry.key) && shown(entry.key) !== entry) stale.push(index)
  })
  for (const index of stale.reverse()) array.delete(index, 1)
  return stale.length > 0
}

/**
 * Whether entry `right` stands to the right of entry `left` in the records array (deleted
 * entries keep their place). YKeyValue keeps a key's right-most entry and removes the others,
 * in the same order on every replica. False when either is unknown.
 */
export function standsRightOf(doc: Y.Doc, left: Y.ID, right: Y.ID): boolean {
  let leftAt: number | null = null
  let rightAt: number | null = null
  let ordinal = 0
  for (
    let item = getRecordsArray(doc)._start;
    item !== null && (leftAt === null || rightAt === null);
    item = item.right
  ) {
    // Entries of one item are in clock order; items count in steps larger than any offset.
    const at = (id: Y.ID) => (holds(item!, id) ? ordinal + (id.clock - item!.id.clock) / item!.length : null)
    leftAt ??= at(left)
    rightAt ??= at(right)
    ordinal++
  }
  return leftAt !== null && rightAt !== null && rightAt > leftAt
}

/** The id of the entry of `key` holding exactly `val` (by identity; not yet garbage-collected), or null. */
export function entryIdOf(doc: Y.Doc, key: string, val: unknown): Y.ID | null {
  for (let item = getRecordsArray(doc)._start; item !== null; item = item.right) {
    const arr = (item.content as { arr?: unknown[] }).arr
    if (!arr) continue
    for (let i = 0; i < arr.length; i++) {
      const entry = arr[i] as Partial<RecordEntry> | undefined
      if (entry?.key === key && entry.val === val) return { client: item.id.client, clock: item.id.clock + i }
    }
  }
  return null
}

/** Where the (deleted) entry with this id stood, counted in live entries; -1 if it is not there. */
export function indexOfEntry(doc: Y.Doc, entry: Y.ID): number {
  let index = 0
  for (let item = getRecordsArray(doc)._start; item !== null; item = item.right) {
    if (holds(item, entry)) {
      return index
    }
    if (!item.deleted && item.countable) index += item.length
  }
  return -1
}

/**
 * Deleting a cluster deletes its cards with it (tldraw deletes children). When the cluster's
 * delete is refused but a card's is not (a participant's own card in the facilitator's
 * cluster), the card comes back with its cluster instead of vanishing: these are the records
 * among `allowedDeletes` whose parent (or grandparent …) is put back.
 */
export function childrenOfRestored(refusals: { entry: RecordChange }[], allowedDeletes: TLRecord[]): TLRecord[] {
  const restored = new Set(refusals.filter((r) => r.entry.before && !r.entry.after).map((r) => r.entry.id))
  const orphans: TLRecord[] = []
  let found = true
  while (found && restored.size > 0) {
    found = false
    for (const record of allowedDeletes) {
      const parentId = (record as { parentId?: string }).parentId
      if (parentId && restored.has(parentId) && !restored.has(record.id)) {
        restored.add(record.id)
        orphans.push(record)
        found = true
      }
    }
  }
  return orphans
}

/** Whether `id` is one of the item's entries (an item holds consecutive clocks of one client). */
function holds(item: Y.Item, id: Y.ID): boolean {
  return item.id.client === id.client && item.id.clock <= id.clock && id.clock < item.id.clock + item.length
}
