import { mkdirSync } from 'node:fs'
import path from 'node:path'
import type { Page } from '@playwright/test'
import { IDEA_CARD_TYPE } from '@pinnwand/shared/boardSchema'
import { openProjector, writeCard } from '../fixtures/heldCards.ts'
import { participantOn } from '../fixtures/participantDevice.ts'
import { expect, test } from '../fixtures/test.ts'

/** Idea cards on a device's board, with their page bounds (read through the test handle). */
const boardCards = (page: Page) =>
  page.evaluate((type) => {
    const editor = window.__pinnwand!.editor
    return editor
      .getCurrentPageShapes()
      .filter((shape) => shape.type === type)
      .map((shape) => {
        const props = shape.props as { text: string; author: string; authorId: string }
        const b = editor.getShapePageBounds(shape.id)!
        return { text: props.text, author: props.author, authorId: props.authorId, x: b.x, y: b.y, w: b.w, h: b.h }
      })
  }, IDEA_CARD_TYPE)

const shots = process.env.PINNWAND_SCREENSHOTS === '1'
const shotDir = path.join(import.meta.dirname, '../../docs/screenshots')

test.describe('Stilles Sammeln', () => {
  test(
    'two people write privately on phone and tablet, see only their own and the count; an anonymous reveal shows all',
    { tag: '@desktop' },
    async ({ browser, board, workshop, server }) => {
      test.setTimeout(300_000)
      const phone = await participantOn(browser, server.url, workshop, 'Pia', 'phone')
      const tablet = await participantOn(browser, server.url, workshop, 'Tom', 'tablet')
      const projector = await openProjector(browser, server.url, workshop)
      await board.open(workshop.boardId, workshop.facilitatorToken)
      await board.waitForConnected()

      // The facilitator (an English browser) starts the phase from the Moderation panel.
      await board.page.getByTestId('panel-tab-facilitation').click()
      await board.page.getByTestId('private-start').click()
      await expect(board.page.getByTestId('private-controls-count')).toHaveText('0 cards written')

      // Pia on her phone: the tray sits in the idea list, under the field.
      const piaTray = phone.board.page.getByTestId('private-tray-list')
      await expect(piaTray).toBeVisible()
      await expect(piaTray).toContainText('nur für Sie sichtbar')
      await writeCard(phone.board.page, 'Schattenplätze am Markt')
      await expect(piaTray.getByTestId('private-card-text')).toHaveText(['Schattenplätze am Markt'])

      // Tom on his tablet: the tray docks above the field on the canvas.
      const tomTray = tablet.board.page.getByTestId('private-tray-dock')
      await expect(tomTray).toBeVisible()
      await writeCard(tablet.board.page, 'Trinkbrunnen')
      await writeCard(tablet.board.page, 'Tippfehlr')
      await writeCard(tablet.board.page, 'Wird gelöscht')
      await expect(tomTray.getByTestId('private-card')).toHaveCount(3)
      // He corrects one card and deletes another, by touch.
      const typo = tomTray.getByTestId('private-card').filter({ hasText: 'Tippfehlr' })
      await typo.getByRole('button', { name: /bearbeiten/ }).tap()
      const editField = tomTray.getByLabel('Text Ihrer privaten Karte')
      await editField.fill('Mehr Bänke')
      await tomTray.getByRole('button', { name: 'Speichern' }).tap()
      await tomTray
        .getByTestId('private-card')
        .filter({ hasText: 'Wird gelöscht' })
        .getByRole('button', { name: /löschen/ })
        .tap()
      await expect(tomTray.getByTestId('private-card-text')).toHaveText(['Trinkbrunnen', 'Mehr Bänke'])

      // Each sees only their own cards and the others' count; nothing is on anyone's board.
      await expect(phone.board.page.getByTestId('private-others-list')).toHaveText('Andere haben 2 Karten geschrieben')
      await expect(tablet.board.page.getByTestId('private-others-dock')).toHaveText('Andere haben 1 Karte geschrieben')
      await expect(piaTray).not.toContainText('Trinkbrunnen')
      await expect(tomTray).not.toContainText('Schattenplätze')
      for (const page of [phone.board.page, tablet.board.page, board.page, projector.page]) {
        expect(await boardCards(page)).toEqual([])
      }
      await expect(board.page.getByTestId('private-controls-count')).toHaveText('3 cards written')
      // The projector shows the count, never a text.
      await expect(projector.page.getByTestId('projector-private')).toContainText('3 Karten geschrieben')
      const screenText = await projector.page.locator('body').innerText()
      for (const secret of ['Schattenplätze', 'Trinkbrunnen', 'Mehr Bänke']) expect(screenText).not.toContain(secret)

      if (shots) {
        mkdirSync(shotDir, { recursive: true })
        await phone.board.page.screenshot({ path: path.join(shotDir, 'private-phase-phone.png') })
        await tablet.board.page.screenshot({ path: path.join(shotDir, 'private-phase-tablet.png') })
        await board.page.screenshot({ path: path.join(shotDir, 'private-phase-facilitator-desktop.png') })
        await projector.page.screenshot({ path: path.join(shotDir, 'private-phase-projector-1920.png') })
      }

      // Anonymous reveal: the box is ticked with the keyboard, the button pressed.
      await board.page.getByTestId('private-anonymous').focus()
      await board.page.keyboard.press('Space')
      await expect(board.page.getByTestId('private-anonymous')).toBeChecked()
      await board.page.getByTestId('private-reveal').click()
      await expect(board.page.getByTestId('private-start')).toBeVisible()

      const expected = ['Mehr Bänke', 'Schattenplätze am Markt', 'Trinkbrunnen']
      for (const page of [phone.board.page, tablet.board.page, board.page, projector.page]) {
        await expect.poll(async () => (await boardCards(page)).map((c) => c.text).sort()).toEqual(expected)
      }
      const cards = await boardCards(tablet.board.page)
      for (const card of cards) expect([card.author, card.authorId]).toEqual(['', ''])
      // In the collecting area's grid: no card on top of another.
      for (const [i, a] of cards.entries()) {
        for (const b of cards.slice(i + 1)) {
          const overlaps = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h
          expect(overlaps, `${a.text} / ${b.text}`).toBe(false)
        }
      }
      await expect(piaTray).toHaveCount(0)
      await expect(tomTray).toHaveCount(0)
      await expect(projector.page.getByTestId('projector-private')).toHaveCount(0)
      if (shots) await tablet.board.page.screenshot({ path: path.join(shotDir, 'private-phase-revealed-tablet.png') })
      await phone.context.close()
      await tablet.context.close()
      await projector.context.close()
    },
  )
})
