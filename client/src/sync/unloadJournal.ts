import { fromBase64, toBase64 } from 'lib0/buffer'
import * as Y from 'yjs'

/** How long this tab's own edits are kept for a reload; IndexedDB has them long before. */
export const JOURNAL_WINDOW_MS = 30_000
/** Above this, the journal is not written (sessionStorage holds ~5 MB per origin). */
const MAX_JOURNAL_BYTES = 1_000_000

interface JournalOptions {
  /** True for updates this tab made itself (not the server's, not the cache's). */
  isOwn(origin: unknown): boolean
  storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>
  now?: () => number
}

/**
 * A synchronous copy of this tab's own recent edits, for the moment the page goes away.
 *
 * y-indexeddb writes every edit to the cache asynchronously; when the page unloads right after
 * typing (a reload, a phone putting the tab away) that write may be aborted, and offline there
 * is no server that has the edit either. `save()` runs in the same pagehide handler that hands
 * tldraw's last changes to the doc and writes them to sessionStorage, which is synchronous and
 * survives a reload of the same tab. `restore()` applies them again once the cache is loaded.
 * Yjs updates are idempotent, so edits the cache did write are simply applied twice.
 */
export class UnloadJournal {
  private recent: { at: number; update: Uint8Array }[] = []
  private readonly storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null
  private readonly now: () => number
  private readonly onUpdate: (update: Uint8Array, origin: unknown) => void
  private readonly doc: Y.Doc
  private readonly key: string

  constructor(doc: Y.Doc, key: string, options: JournalOptions) {
    this.doc = doc
    this.key = key
    this.storage = options.storage ?? safeSessionStorage()
    this.now = options.now ?? Date.now
    this.onUpdate = (update, origin) => {
      if (origin === this || !options.isOwn(origin)) return
      const at = this.now()
      this.recent.push({ at, update })
      while (this.recent.length > 0 && this.recent[0]!.at < at - JOURNAL_WINDOW_MS) this.recent.shift()
    }
    doc.on('update', this.onUpdate)
  }

  /** Writes the recent own edits to sessionStorage (call after the last changes reached the doc). */
  save(): void {
    if (!this.storage || this.recent.length === 0) return
    try {
      const merged = Y.mergeUpdates(this.recent.map((entry) => entry.update))
      if (merged.byteLength > MAX_JOURNAL_BYTES) return
      this.storage.setItem(this.key, toBase64(merged))
    } catch {
      // Storage full or blocked: the cache's own write is all there is, as before.
    }
  }

  /**
   * Applies a journal the previous page of this tab left, then forgets it. Call once the
   * cache is loaded, so the edits' predecessors are in the doc. Whatever still cannot be
   * integrated is dropped: Yjs would keep it pending and send it with every sync, and the
   * server refuses updates that leave anything pending.
   */
  restore(): boolean {
    if (!this.storage) return false
    let saved: string | null = null
    try {
      saved = this.storage.getItem(this.key)
      this.storage.removeItem(this.key)
    } catch {
      return false
    }
    if (!saved) return false
    const store = this.doc.store
    const hadPending = store.pendingStructs !== null || store.pendingDs !== null
    try {
      Y.applyUpdate(this.doc, fromBase64(saved), this)
    } catch {
      return false
    }
    if (!hadPending && (store.pendingStructs !== null || store.pendingDs !== null)) {
      store.pendingStructs = null
      store.pendingDs = null
    }
    return true
  }

  dispose(): void {
    this.doc.off('update', this.onUpdate)
    this.recent = []
  }
}

function safeSessionStorage(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage
  } catch {
    return null
  }
}
