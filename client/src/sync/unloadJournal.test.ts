import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { JOURNAL_WINDOW_MS, UnloadJournal } from './unloadJournal.ts'

const LOCAL = { name: 'local edit' }
const SERVER = { name: 'server' }

function memoryStorage() {
  const items = new Map<string, string>()
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  }
}

/** A board doc with one card, and a second doc standing for what the cache had of it. */
function boardWithCachedCopy() {
  const doc = new Y.Doc()
  doc.transact(() => doc.getMap('card').set('text', 'Erste Fassung'), SERVER)
  const cached = new Y.Doc()
  Y.applyUpdate(cached, Y.encodeStateAsUpdate(doc))
  return { doc, cached }
}

describe('UnloadJournal', () => {
  it('brings the last own edits back after a reload whose cache write was lost', () => {
    const storage = memoryStorage()
    const { doc, cached } = boardWithCachedCopy()
    const journal = new UnloadJournal(doc, 'board-1', { isOwn: (o) => o === LOCAL, storage })
    doc.transact(() => doc.getMap('card').set('text', 'Erste Fassung und Nachtrag'), LOCAL)
    journal.save()

    // The reloaded page: a new doc from the cache, which missed the last edit.
    const after = new UnloadJournal(cached, 'board-1', { isOwn: () => true, storage })
    expect(after.restore()).toBe(true)
    expect(cached.getMap('card').get('text')).toBe('Erste Fassung und Nachtrag')
    // Applied once: a second reload does not see it again, and nothing is left pending.
    expect(storage.items.size).toBe(0)
    expect(after.restore()).toBe(false)
    expect(cached.store.pendingStructs).toBeNull()
  })

  it('keeps only this tab’s own edits (not what the server or the cache sent)', () => {
    const storage = memoryStorage()
    const { doc } = boardWithCachedCopy()
    const journal = new UnloadJournal(doc, 'board-1', { isOwn: (o) => o === LOCAL, storage })
    doc.transact(() => doc.getMap('card').set('text', 'vom Server'), SERVER)
    journal.save()
    expect(storage.items.size).toBe(0)
  })

  it('forgets edits older than its window, and drops what then cannot be integrated', () => {
    const storage = memoryStorage()
    let now = 0
    const { doc, cached } = boardWithCachedCopy()
    const journal = new UnloadJournal(doc, 'board-1', { isOwn: (o) => o === LOCAL, storage, now: () => now })
    const text = doc.getText('note')
    doc.transact(() => text.insert(0, 'alt'), LOCAL)
    now += JOURNAL_WINDOW_MS + 1
    doc.transact(() => text.insert(3, ' neu'), LOCAL)
    journal.save()

    // The cache never got the old edit: the new one depends on it and cannot be integrated.
    const after = new UnloadJournal(cached, 'board-1', { isOwn: () => true, storage })
    expect(after.restore()).toBe(true)
    expect(cached.getText('note').toString()).toBe('')
    expect(cached.store.pendingStructs).toBeNull()
    expect(cached.getMap('card').get('text')).toBe('Erste Fassung')
  })

  it('ignores a damaged journal and keeps the board as the cache had it', () => {
    const storage = memoryStorage()
    storage.setItem('board-1', 'not a yjs update')
    const { cached } = boardWithCachedCopy()
    const journal = new UnloadJournal(cached, 'board-1', { isOwn: () => true, storage })
    expect(journal.restore()).toBe(false)
    expect(cached.getMap('card').get('text')).toBe('Erste Fassung')
    expect(storage.items.size).toBe(0)
  })

  it('stops listening when disposed', () => {
    const storage = memoryStorage()
    const { doc } = boardWithCachedCopy()
    const journal = new UnloadJournal(doc, 'board-1', { isOwn: (o) => o === LOCAL, storage })
    journal.dispose()
    doc.transact(() => doc.getMap('card').set('text', 'später'), LOCAL)
    journal.save()
    expect(storage.items.size).toBe(0)
  })
})
