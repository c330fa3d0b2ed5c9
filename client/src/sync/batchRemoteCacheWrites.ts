import * as Y from 'yjs'

/** How long the server's updates wait to be written to the cache together. */
export const REMOTE_CACHE_BATCH_MS = 1000

/** The part of y-indexeddb's `IndexeddbPersistence` this uses: its per-update write. */
export interface UpdateCache {
  _storeUpdate(update: Uint8Array, origin: unknown): void
}

interface BatchOptions {
  /** True for updates that came from the server (they are safe there; only the cache waits). */
  isRemote(origin: unknown): boolean
  delayMs?: number
  setTimer?: (run: () => void, ms: number) => unknown
  clearTimer?: (timer: unknown) => void
}

export interface RemoteCacheBatch {
  /** Writes the waiting remote updates now (the page goes away, the board closes). */
  flush(): void
  /** Flushes, then hands the doc's updates back to the cache one by one. */
  dispose(): void
}

/**
 * y-indexeddb writes every doc update to IndexedDB in its own transaction, in the socket's
 * message handler. In a plenary the server sends about twenty updates a second (edits and
 * presence-driven state), and on a 4× slowed tablet those writes were a third of the time the
 * page spent handling messages (0.47 of 1.5 s in 21 s at N = 500), and their count made the cache
 * compact the whole document every ~25 s.
 *
 * The server's updates are already stored on the server, so the cache can take them merged, once
 * a second. This tab's own edits still go to the cache at once (with anything waiting before
 * them): offline, the cache is the only place they are kept. Nothing is lost if the tab closes
 * inside the second: the server sends the missing updates on the next sync.
 */
export function batchRemoteCacheWrites(doc: Y.Doc, cache: UpdateCache, options: BatchOptions): RemoteCacheBatch {
  const delayMs = options.delayMs ?? REMOTE_CACHE_BATCH_MS
  const setTimer = options.setTimer ?? ((run, ms) => setTimeout(run, ms))
  const clearTimer = options.clearTimer ?? ((timer) => clearTimeout(timer as ReturnType<typeof setTimeout>))
  const cacheWrite = cache._storeUpdate
  let waiting: Uint8Array[] = []
  let timer: unknown = null

  const flush = () => {
    if (timer !== null) clearTimer(timer)
    timer = null
    if (waiting.length === 0) return
    const batch = waiting.length === 1 ? waiting[0]! : Y.mergeUpdates(waiting)
    waiting = []
    cacheWrite(batch, null)
  }
  const onUpdate = (update: Uint8Array, origin: unknown) => {
    if (options.isRemote(origin)) {
      waiting.push(update)
      if (timer === null) timer = setTimer(flush, delayMs)
      return
    }
    flush()
    cacheWrite(update, origin)
  }
  const onHidden = () => {
    if (typeof document === 'undefined' || document.visibilityState === 'hidden') flush()
  }

  doc.off('update', cacheWrite)
  doc.on('update', onUpdate)
  if (typeof window !== 'undefined') {
    window.addEventListener('pagehide', flush)
    window.addEventListener('visibilitychange', onHidden)
  }
  return {
    flush,
    dispose() {
      flush()
      doc.off('update', onUpdate)
      doc.on('update', cacheWrite)
      if (typeof window !== 'undefined') {
        window.removeEventListener('pagehide', flush)
        window.removeEventListener('visibilitychange', onHidden)
      }
    },
  }
}
