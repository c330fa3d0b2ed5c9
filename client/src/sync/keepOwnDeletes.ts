import type { TLRecord } from 'tldraw'
import type { YKeyValue } from 'y-utility/y-keyvalue'
import type * as Y from 'yjs'

/** How long after deleting a record a concurrent change that brings it back is undone. */
export const OWN_DELETE_WINDOW_MS = 5_000

/**
 * Deleted is deleted, on the deleter's side (the server covers the other side, see
 * docs/board-document.md "What the server enforces").
 *
 * Records live in a YKeyValue: a move writes a new entry and deletes the one it replaces. When
 * someone moves a card that this tab deletes at the same moment, and the move reaches the
 * server first, this tab's delete removes only the entry it knew — the moved entry survives and
 * arrives here a moment later: the card comes back. The server cannot tell that apart from a
 * reloaded tab replaying old deletes; this tab can, because it knows what it just deleted.
 *
 * So: when a record this tab deleted within OWN_DELETE_WINDOW_MS comes back from elsewhere with
 * a *different* value, it is deleted again (once). The same value coming back is the server
 * refusing the delete (it restores exactly what was there) and is left alone; the server
 * judges the repeated delete by the usual rules, so nobody deletes more than they may.
 */
export function keepOwnDeletes(
  records: YKeyValue<TLRecord>,
  localOrigin: object,
  { windowMs = OWN_DELETE_WINDOW_MS, now = Date.now }: { windowMs?: number; now?: () => number } = {},
): () => void {
  const doc = records.doc as Y.Doc
  /** Ids this tab deleted recently → the value it deleted and when. */
  const recent = new Map<string, { json: string; at: number }>()
  /** The re-delete's own origin: the store binding must see it as a remote change and drop the card. */
  const redeleteOrigin = { name: 'pinnwand-keep-own-deletes' }

  const onChange = (
    changes: Map<string, { action: string; oldValue?: unknown; newValue?: unknown }>,
    transaction: Y.Transaction,
  ) => {
    const at = now()
    for (const [key, deleted] of recent) if (at - deleted.at > windowMs) recent.delete(key)
    if (transaction.origin === localOrigin) {
      for (const [key, change] of changes) {
        if (change.action === 'delete') recent.set(key, { json: JSON.stringify(change.oldValue), at })
        else recent.delete(key) // written again here (an undo): nothing to keep
      }
      return
    }
    if (transaction.origin === redeleteOrigin) return
    const again: string[] = []
    for (const [key, change] of changes) {
      const deleted = recent.get(key)
      if (!deleted || change.action === 'delete') continue
      recent.delete(key)
      if (JSON.stringify(change.newValue) !== deleted.json) again.push(key)
    }
    if (again.length === 0) return
    // After the current transaction (this runs inside its observers).
    queueMicrotask(() => {
      doc.transact(() => {
        for (const key of again) if (records.has(key)) records.delete(key)
      }, redeleteOrigin)
    })
  }
  records.on('change', onChange)
  return () => records.off('change', onChange)
}
