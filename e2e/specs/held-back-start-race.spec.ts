import type { Locator, Page } from '@playwright/test'
import { boardTexts } from '../fixtures/heldCards.ts'
import { joinWorkshop } from '../fixtures/api.ts'
import { deviceOf, participantOn } from '../fixtures/participantDevice.ts'
import { expect, test } from '../fixtures/test.ts'

/*
 * Pia sends a card in the same moment the facilitator starts holding cards back. Depending on
 * who is first, it is a shared card (sent before the start), or her device sent it as a shared
 * card the server then refused and kept as hers (docs/architecture.md 33), or her device already
 * knew. Whichever: the card is never lost and never there twice, and a kept one reaches nobody
 * else.
 */

/** How often the text is on Tom's board plus in Pia's tray. */
async function copies(tomPage: Page, tray: Locator, text: string): Promise<{ board: number; tray: number }> {
  const board = (await boardTexts(tomPage)).filter((t) => t === text).length
  const held = await tray.filter({ hasText: text }).count()
  return { board, tray: held }
}

async function expectExactlyOnce(tomPage: Page, tray: Locator, text: string) {
  await expect
    .poll(async () => {
      const { board, tray: held } = await copies(tomPage, tray, text)
      return board + held
    })
    .toBe(1)
  // Past the device's second read (1.5–3 s after the start): still once.
  await tomPage.waitForTimeout(3500)
  const { board, tray: held } = await copies(tomPage, tray, text)
  expect(board + held).toBe(1)
  // Which way it went this time (the race is real, so either may happen), for whoever reads the report.
  test.info().annotations.push({ type: 'outcome', description: held === 1 ? 'held back' : 'on the board' })
  // Kept as hers: Tom's page never held the text.
  if (held === 1) expect(await tomPage.evaluate(() => document.documentElement.outerHTML)).not.toContain(text)
}

test.describe('A card sent as cards begin to be held back', () => {
  test(
    'Stilles Sammeln: the card is there once, on the board or in her tray',
    { tag: '@desktop' },
    async ({ browser, board, workshop, server }) => {
      test.setTimeout(120_000)
      const pia = await deviceOf(
        browser,
        server.url,
        workshop,
        await joinWorkshop(server.url, workshop, 'Pia Wendler'),
        'laptop',
      )
      const tom = await participantOn(browser, server.url, workshop, 'Tom Brandt', 'tablet')
      await board.open(workshop.boardId, workshop.facilitatorToken)
      await board.waitForConnected()
      await board.page.getByTestId('panel-tab-facilitation').click()

      const text = 'Im selben Augenblick'
      const field = pia.board.page.locator('[data-testid="add-idea-text"]:visible').first()
      await field.fill(text)
      await Promise.all([board.page.getByTestId('private-start').click(), field.press('Enter')])
      await expect(pia.board.page.getByTestId('private-others-dock')).toBeVisible()
      const tray = pia.board.page.getByTestId('private-tray-dock').getByTestId('private-card-text')
      await expectExactlyOnce(tom.board.page, tray, text)
      for (const device of [pia, tom]) await device.context.close()
    },
  )

  test(
    'moderation: the card is there once, on the board or waiting in her tray',
    { tag: '@desktop' },
    async ({ browser, board, workshop, server }) => {
      test.setTimeout(120_000)
      const pia = await deviceOf(
        browser,
        server.url,
        workshop,
        await joinWorkshop(server.url, workshop, 'Pia Wendler'),
        'laptop',
      )
      const tom = await participantOn(browser, server.url, workshop, 'Tom Brandt', 'tablet')
      await board.open(workshop.boardId, workshop.facilitatorToken)
      await board.waitForConnected()
      await board.page.getByTestId('panel-tab-moderation').click()
      const toggle = board.page.getByTestId('moderation-toggle')
      await toggle.focus()

      const text = 'Genau beim Einschalten'
      const field = pia.board.page.locator('[data-testid="add-idea-text"]:visible').first()
      await field.fill(text)
      await Promise.all([board.page.keyboard.press('Space'), field.press('Enter')])
      await expect(toggle).toBeChecked()
      const tray = pia.board.page.getByTestId('held-tray-dock').getByTestId('held-card-text')
      await expectExactlyOnce(tom.board.page, tray, text)
      for (const device of [pia, tom]) await device.context.close()
    },
  )
})
