import { mkdirSync } from 'node:fs'
import path from 'node:path'
import type { Page } from '@playwright/test'
import { boardTexts, writeCard } from '../fixtures/heldCards.ts'
import { joinWorkshop } from '../fixtures/api.ts'
import { deviceOf } from '../fixtures/participantDevice.ts'
import { expect, test } from '../fixtures/test.ts'
import { BoardPage } from '../pages/BoardPage.ts'

const shots = process.env.PINNWAND_SCREENSHOTS === '1'
const shotDir = path.join(import.meta.dirname, '../../docs/screenshots')

/** The toast tldraw shows with the held-back notice. */
const notice = (page: Page) => page.locator('.tlui-toast__container').filter({ hasText: /Karte|feld/i })

/** Clicks the middle of a card (selects it). */
async function clickCard(board: BoardPage, id: string) {
  const box = await board.screenBox(id)
  await board.page.mouse.click(box.x + box.w / 2, box.y + box.h / 2)
  await expect.poll(() => board.selectedIds()).toEqual([id])
}

/**
 * Clicks an empty spot of the canvas, right of the card (puts the pointer there), and clears the
 * selection with Escape as well: the click alone now and then left a card selected in CI (cause
 * not found; see the closing note of issue 15, session 10).
 */
async function clickBeside(board: BoardPage, id: string) {
  const box = await board.screenBox(id)
  await board.page.mouse.click(box.x + box.w + 160, box.y + box.h / 2)
  await board.page.keyboard.press('Escape')
  await expect.poll(() => board.selectedIds()).toEqual([])
}

/** The card stays the only one on every board for a while: nothing reached the shared document. */
async function onlyCardOnBoards(pages: Page[], text: string) {
  await pages[0]!.waitForTimeout(800)
  for (const page of pages) expect(await boardTexts(page)).toEqual([text])
}

test.describe('Cards made outside the field while new cards are held back', () => {
  test(
    'Stilles Sammeln: a duplicate, a pasted copy, an Alt+drag clone, pasted text become private cards; "i" leads to the field',
    { tag: '@desktop' },
    async ({ browser, board, workshop, server }) => {
      test.setTimeout(240_000)
      const pia = await joinWorkshop(server.url, workshop, 'Pia Wendler')
      const laptop = await deviceOf(browser, server.url, workshop, pia, 'laptop')
      const page = laptop.board.page
      await board.open(workshop.boardId, workshop.facilitatorToken)
      await board.waitForConnected()

      // Before the phase, Pia's card goes on the board as usual.
      await writeCard(page, 'Mehr Bäume')
      await expect.poll(() => boardTexts(board.page)).toEqual(['Mehr Bäume'])
      const [card] = await laptop.board.storedCards()

      await board.page.getByTestId('panel-tab-facilitation').click()
      await board.page.getByTestId('private-start').click()
      const tray = page.getByTestId('private-tray-dock')
      await expect(tray).toBeVisible()

      // Ctrl+D on her card: the copy is a private card, with a word on where it went.
      await clickCard(laptop.board, card!.id)
      await page.keyboard.press('ControlOrMeta+d')
      await expect(notice(page)).toContainText('Ihre Karte ist jetzt eine private Karte')
      await expect(tray.getByTestId('private-card-text')).toHaveText(['Mehr Bäume'])
      await onlyCardOnBoards([page, board.page], 'Mehr Bäume')

      // Copy and paste the card: one more private card.
      await clickCard(laptop.board, card!.id)
      await page.keyboard.press('ControlOrMeta+c')
      await clickBeside(laptop.board, card!.id)
      await page.keyboard.press('ControlOrMeta+v')
      await expect(tray.getByTestId('private-card-text')).toHaveText(['Mehr Bäume', 'Mehr Bäume'])
      await onlyCardOnBoards([page, board.page], 'Mehr Bäume')

      // Alt+drag clones the card: one more private card, and her card stays where it was. (Held
      // near its top edge: the tray above the field covers the rest of it.)
      await clickBeside(laptop.board, card!.id)
      const before = await laptop.board.screenBox(card!.id)
      const grip = { x: before.x + before.w / 2, y: before.y + 16 }
      await page.keyboard.down('Alt')
      await laptop.board.dragAt(grip, { x: grip.x + 300, y: grip.y - 120 })
      await page.keyboard.up('Alt')
      await expect(tray.getByTestId('private-card-text')).toHaveCount(3)
      expect(await laptop.board.screenBox(card!.id)).toEqual(before)
      await onlyCardOnBoards([page, board.page], 'Mehr Bäume')

      // Text copied elsewhere (her notes) and pasted onto the canvas: a private card, not a text for all.
      await page.evaluate(() => navigator.clipboard.writeText('Wasserspender im Park'))
      await clickBeside(laptop.board, card!.id)
      await page.keyboard.press('ControlOrMeta+v')
      await expect(tray.getByTestId('private-card-text')).toHaveText([
        'Mehr Bäume',
        'Mehr Bäume',
        'Mehr Bäume',
        'Wasserspender im Park',
      ])
      const shapes = await page.evaluate(() => window.__pinnwand!.editor.getCurrentPageShapes().map((s) => s.type))
      expect(shapes).toEqual(['idea-card'])
      await expect(board.page.getByTestId('private-controls-count')).toHaveText('4 cards written')

      // "i" (the card tool's key) leads to the field, and says so.
      await clickBeside(laptop.board, card!.id)
      await page.keyboard.press('i')
      await expect(notice(page)).toContainText('Neue Karten schreiben Sie jetzt ins Ideenfeld')
      await expect(page.locator('[data-testid="add-idea-text"]:visible')).toBeFocused()
      expect(await page.evaluate(() => window.__pinnwand!.editor.getCurrentToolId())).toBe('select')
      if (shots) {
        mkdirSync(shotDir, { recursive: true })
        await page.screenshot({ path: path.join(shotDir, 'held-back-private-1280.png'), animations: 'disabled' })
        // The same word on a phone-sized window.
        await page.setViewportSize({ width: 390, height: 844 })
        await clickBeside(laptop.board, card!.id)
        await page.keyboard.press('i')
        await expect(notice(page)).toContainText('Ideenfeld')
        await page.screenshot({ path: path.join(shotDir, 'held-back-private-390.png'), animations: 'disabled' })
        await page.setViewportSize({ width: 1280, height: 800 })
      }
      // The focus is in the field: she types her next idea right away.
      await page.keyboard.type('Sitzbänke')
      await page.keyboard.press('Enter')
      await expect(tray.getByTestId('private-card-text')).toHaveCount(5)
      await onlyCardOnBoards([page, board.page], 'Mehr Bäume')

      await laptop.context.close()
    },
  )

  test(
    'moderation inbox: a duplicate (keyboard, and by touch on a phone) and pasted text wait for approval; "i" leads to the field',
    { tag: '@desktop' },
    async ({ browser, board, workshop, server }) => {
      test.setTimeout(240_000)
      const pia = await joinWorkshop(server.url, workshop, 'Pia Wendler')
      const laptop = await deviceOf(browser, server.url, workshop, pia, 'laptop')
      const page = laptop.board.page
      await board.open(workshop.boardId, workshop.facilitatorToken)
      await board.waitForConnected()
      await writeCard(page, 'Mehr Bäume')
      await expect.poll(() => boardTexts(board.page)).toEqual(['Mehr Bäume'])
      const [card] = await laptop.board.storedCards()

      await board.page.getByTestId('panel-tab-moderation').click()
      const toggle = board.page.getByTestId('moderation-toggle')
      await toggle.focus()
      await board.page.keyboard.press('Space')
      await expect(toggle).toBeChecked()
      await expect(laptop.board.ideaCardTool).toHaveCount(0)

      await clickCard(laptop.board, card!.id)
      await page.keyboard.press('ControlOrMeta+d')
      await expect(notice(page)).toContainText('Ihre Karte wartet jetzt auf Freigabe durch die Moderation.')
      const tray = page.getByTestId('held-tray-dock')
      await expect(tray.getByTestId('held-card-text')).toHaveText(['Mehr Bäume'])

      await page.evaluate(() => navigator.clipboard.writeText('Trinkbrunnen am Markt'))
      await clickBeside(laptop.board, card!.id)
      await page.keyboard.press('ControlOrMeta+v')
      await expect(tray.getByTestId('held-card-text')).toHaveText(['Mehr Bäume', 'Trinkbrunnen am Markt'])
      await expect(tray.getByTestId('held-card-status')).toHaveText(['Wartet auf Freigabe', 'Wartet auf Freigabe'])
      await expect(board.page.getByTestId('inbox-card-text')).toHaveText(['Mehr Bäume', 'Trinkbrunnen am Markt'])
      await onlyCardOnBoards([page, board.page], 'Mehr Bäume')

      await page.keyboard.press('i')
      await expect(notice(page)).toContainText('sobald die Moderation sie freigibt')
      await expect(page.locator('[data-testid="add-idea-text"]:visible')).toBeFocused()

      if (shots) {
        mkdirSync(shotDir, { recursive: true })
        await page.screenshot({ path: path.join(shotDir, 'held-back-moderation-1280.png'), animations: 'disabled' })
      }

      // On her phone, by touch: the canvas (one tap on the idea list's tab), her card, "Duplizieren".
      const phone = await deviceOf(browser, server.url, workshop, pia, 'phone')
      const ideasTab = phone.board.page.getByRole('tab', { name: 'Ideen' })
      await ideasTab.tap()
      await expect(ideasTab).toHaveAttribute('aria-selected', 'false')
      const box = await phone.board.screenBox(card!.id)
      await phone.board.tapAt({ x: box.x + box.w / 2, y: box.y + 16 })
      await expect.poll(() => phone.board.selectedIds()).toEqual([card!.id])
      await phone.board.page.getByTestId('quick-actions.duplicate').tap()
      await expect(notice(phone.board.page)).toContainText('Ihre Karte wartet jetzt auf Freigabe')
      await expect(tray.getByTestId('held-card-text')).toHaveCount(3)
      await onlyCardOnBoards([phone.board.page, board.page], 'Mehr Bäume')
      if (shots)
        await phone.board.page.screenshot({
          path: path.join(shotDir, 'held-back-moderation-390.png'),
          animations: 'disabled',
          scale: 'css',
        })
      await phone.context.close()
      await laptop.context.close()
    },
  )
})

test.describe('A copy of someone else’s card', () => {
  test(
    'is the copier’s own card: Ctrl+D by another participant and the facilitator’s duplicate stay on every board',
    { tag: '@desktop' },
    async ({ browser, board, workshop, server }) => {
      test.setTimeout(180_000)
      const pia = await joinWorkshop(server.url, workshop, 'Pia Wendler')
      const tom = await joinWorkshop(server.url, workshop, 'Tom Berger')
      const piaLaptop = await deviceOf(browser, server.url, workshop, pia, 'laptop')
      const tomLaptop = await deviceOf(browser, server.url, workshop, tom, 'laptop')
      await board.open(workshop.boardId, workshop.facilitatorToken)
      await board.waitForConnected()
      await writeCard(piaLaptop.board.page, 'Mehr Bäume')
      await expect.poll(() => boardTexts(tomLaptop.board.page)).toEqual(['Mehr Bäume'])
      const [card] = await tomLaptop.board.storedCards()

      // Tom duplicates Pia's card: the copy is his, and it stays (the server refused a copy
      // that still named Pia, and it vanished without a word).
      await clickCard(tomLaptop.board, card!.id)
      await tomLaptop.board.page.keyboard.press('ControlOrMeta+d')
      const authors = async (on: BoardPage) => (await on.storedCards()).map((c) => `${c.text} · ${c.author}`).sort()
      const afterTom = ['Mehr Bäume · Pia Wendler', 'Mehr Bäume · Tom Berger']
      await expect.poll(() => authors(piaLaptop.board)).toEqual(afterTom)
      await piaLaptop.board.page.waitForTimeout(800)
      for (const on of [piaLaptop.board, tomLaptop.board, board]) expect(await authors(on)).toEqual(afterTom)

      // The facilitator duplicates it from the quick actions: hers.
      // The panel's tabs cover the cards' corner: she picks Pia's card in the idea list (it is
      // selected and shown).
      await board.page.getByTestId('panel-tab-ideas').click()
      await board.page.getByTestId('idea-list-item').filter({ hasText: 'Pia Wendler' }).click()
      await expect.poll(() => board.selectedIds()).toEqual([card!.id])
      await board.page.getByTestId('quick-actions.duplicate').click()
      await expect.poll(async () => (await authors(piaLaptop.board)).length).toBe(3)
      await piaLaptop.board.page.waitForTimeout(800)
      const names = (await authors(tomLaptop.board)).map((line) => line.split(' · ')[1])
      expect(names.filter((name) => name !== 'Pia Wendler' && name !== 'Tom Berger')).toHaveLength(1)
      expect(await authors(board)).toEqual(await authors(tomLaptop.board))
      await piaLaptop.context.close()
      await tomLaptop.context.close()
    },
  )
})
