import { expect, test } from '../fixtures/test.ts'

/**
 * A participant types, then reloads at once (or the phone puts the tab away): what they saw on
 * their own screen must survive, online and offline. tldraw hands changes to the board document
 * only on the next animation frame; the page flushes them when it is hidden or left, and copies
 * them synchronously to sessionStorage, because the IndexedDB cache's write may be aborted by the
 * unload (client/src/sync/unloadJournal.ts).
 */
test.describe('reload right after typing', () => {
  const cases = [
    { offline: false, cacheWriteLost: false },
    { offline: true, cacheWriteLost: false },
    // What the unloading page does to IndexedDB under load, made certain: the cache never gets
    // the last edits, so only the synchronous copy can bring them back.
    { offline: true, cacheWriteLost: true },
  ]
  for (const { offline, cacheWriteLost } of cases) {
    const name = `keeps the last keystrokes ${offline ? 'offline' : 'online'}${cacheWriteLost ? ' when the cache loses the write' : ''}`
    test(name, async ({ workshop, newUser }) => {
      const ada = await newUser('Ada')
      if (cacheWriteLost) {
        // A switch the first page sets before typing; the reloaded page starts without it.
        await ada.context.addInitScript(() => {
          const add = IDBObjectStore.prototype.add
          IDBObjectStore.prototype.add = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['add']>) {
            if ((window as { __e2eLoseCacheWrites?: boolean }).__e2eLoseCacheWrites)
              return {} as IDBRequest<IDBValidKey>
            return add.apply(this, args)
          }
        })
      }
      const bob = await newUser('Bob')
      await ada.board.open(workshop.boardId, ada.participant.token)
      await bob.board.open(workshop.boardId, bob.participant.token)
      await Promise.all([ada.board.waitForConnected(), bob.board.waitForConnected()])
      const id = await ada.board.createIdeaCard('Erste Fassung')
      await expect(bob.board.card('Erste Fassung')).toBeVisible()
      if (offline) {
        await ada.context.setOffline(true)
        await expect(ada.board.status).toHaveAttribute('data-status', 'offline')
      }

      // Edit the card (double-click or double-tap opens its text) and reload while still typing.
      const box = await ada.board.screenBox(id)
      // Under load a double tap can arrive as two single taps (the card is then only selected);
      // a person taps again, and so does the test.
      await expect(async () => {
        await ada.board.doubleTapAt({ x: box.x + box.w / 2, y: box.y + box.h / 2 })
        await expect(ada.board.cards.locator('textarea')).toBeFocused({ timeout: 3_000 })
      }).toPass({ timeout: 20_000 })
      if (cacheWriteLost)
        await ada.board.page.evaluate(
          () => ((window as { __e2eLoseCacheWrites?: boolean }).__e2eLoseCacheWrites = true),
        )
      await ada.board.page.keyboard.press('End')
      await ada.board.page.keyboard.type(' und Nachtrag')
      await ada.board.page.reload()
      await ada.board.waitForMounted()
      await expect.poll(() => ada.board.cardTexts(), { timeout: 15_000 }).toEqual(['Erste Fassung und Nachtrag'])

      if (offline) await ada.context.setOffline(false)
      await expect.poll(() => bob.board.cardTexts(), { timeout: 30_000 }).toEqual(['Erste Fassung und Nachtrag'])
    })
  }
})
