import { type Browser, devices, type Page } from '@playwright/test'
import { fileURLToPath } from 'node:url'
import { createGermanForum } from '../fixtures/api.ts'
import { expect, test } from '../fixtures/test.ts'

/**
 * Issue 16, the rest of the control room: the workshop projector cycling through the tables,
 * the organiser's message on the big screen, table numbers edited on the dashboard and read on
 * the join page. The organiser acts only through the dashboard (pointer, touch, keyboard).
 */

const screenshots = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url))

const FORUM = [
  { title: 'Mobilität', question: 'Wie kommen wir 2030 durch die Stadt?' },
  { title: 'Wohnen', question: 'Wo wollen wir wohnen?' },
  { title: 'Energie', question: 'Woher kommt unser Strom?' },
  { title: 'Plenum', kind: 'plenary' as const },
]

const card = (page: Page, name: string) =>
  page.getByTestId('table-card').filter({ has: page.getByRole('heading', { name, exact: true }) })

const touchContext = (browser: Browser, baseURL: string, viewport: { width: number; height: number }) =>
  browser.newContext({
    ...devices['Pixel 7'],
    viewport,
    baseURL,
    locale: 'de-DE',
    hasTouch: true,
    isMobile: true,
  })

test.use({ locale: 'de-DE' })

test.describe('control room: workshop projector and table numbers', () => {
  test(
    'the workshop projector cycles through the tables and shows the organiser’s message',
    { tag: '@desktop' },
    async ({ page, server, browser }) => {
      const event = await createGermanForum(server.url, FORUM)
      await page.goto(`/w/${event.id}?token=${event.token}`)
      const panel = page.locator('.pw-workshop-projector')
      await expect(panel.getByRole('radio', { name: 'Alle Thementische nacheinander' })).toBeChecked()
      await panel.getByLabel('Wechsel alle … Sekunden').fill('10')
      await panel.getByRole('button', { name: 'Beamer-Link erstellen' }).click()
      const link = new URL(await panel.getByTestId('workshop-projector-link').inputValue())
      expect(link.searchParams.get('show')).toBe('cycle')
      expect(link.searchParams.get('seconds')).toBe('10')

      const beamer = await browser.newContext({
        baseURL: server.url,
        viewport: { width: 1920, height: 1080 },
        locale: 'de-DE',
      })
      try {
        const screen = await beamer.newPage()
        await screen.goto(`${link.pathname}${link.search}`)
        const title = screen.getByTestId('projector-title')
        await expect(title).toHaveText('Tisch 1 · Mobilität', { timeout: 30_000 })
        await expect(screen.getByTestId('projector-view')).toBeVisible({ timeout: 30_000 })
        // The token left the address bar; the plan stayed.
        expect(new URL(screen.url()).searchParams.has('token')).toBe(false)
        await expect(title).toHaveText('Tisch 2 · Wohnen', { timeout: 30_000 })
        await expect(screen.getByTestId('projector-view')).toBeVisible({ timeout: 30_000 })
        await screen.screenshot({ path: `${screenshots}control-room-projector-cycle-1080p.png` })
        await expect(title).toHaveText('Tisch 3 · Energie', { timeout: 30_000 })
        // The plenary is not part of the cycle: after table 3 comes table 1 again.
        await expect(title).toHaveText('Tisch 1 · Mobilität', { timeout: 30_000 })

        // A message to every table reaches the big screen too, large enough for the back of the hall.
        const bulk = page.getByTestId('bulk-actions')
        await bulk.getByLabel('Nachricht (höchstens 200 Zeichen)').fill('Noch 5 Minuten, dann Plenum')
        await bulk.getByRole('button', { name: 'An 3 Tische senden' }).click()
        await expect(bulk.getByTestId('bulk-results')).toContainText('3 von 3 Tischen haben es übernommen')
        const message = screen.getByTestId('projector-message')
        await expect(message).toContainText('Noch 5 Minuten, dann Plenum', { timeout: 30_000 })
        const fontPx = await message
          .locator('p')
          .first()
          .evaluate((el) => parseFloat(getComputedStyle(el).fontSize))
        expect(fontPx).toBeGreaterThanOrEqual(40)
        await expect(screen.getByTestId('projector-view')).toBeVisible()
        await screen.screenshot({ path: `${screenshots}control-room-projector-message-1080p.png` })

        // Taken down on the dashboard: gone from the projector as from the devices.
        await bulk.getByRole('button', { name: 'Nachricht entfernen' }).click()
        await expect(message).toHaveCount(0, { timeout: 15_000 })

        // One table only: the link says which, the projector opens that table's view.
        await panel.getByRole('radio', { name: 'Einen Thementisch' }).check()
        await panel.getByLabel('Thementisch', { exact: true }).selectOption({ label: 'Tisch 3 · Energie' })
        const single = new URL(await panel.getByTestId('workshop-projector-link').inputValue())
        await screen.goto(`${single.pathname}${single.search}`)
        await expect(screen.getByTestId('projector-title')).toHaveText('Tisch 3 · Energie', { timeout: 30_000 })
        await expect(screen).toHaveURL(new RegExp(`/b/${event.tables[2]!.id}`))
      } finally {
        await beamer.close()
      }
    },
  )

  test(
    'the organiser changes a table number; the tables swap, the join page reads it',
    { tag: '@desktop' },
    async ({ page, server, browser }) => {
      const event = await createGermanForum(server.url, FORUM)
      // Energie's board is open at the table while the organiser changes its number.
      const energyBoard = await page.context().newPage()
      const energyId = event.tables.find((table) => table.title === 'Energie')!.id
      await energyBoard.goto(`/b/${energyId}?token=${event.token}`)
      await expect(energyBoard.getByTestId('table-name')).toHaveText('Tisch 3 · Energie')
      await page.bringToFront()
      await page.goto(`/w/${event.id}?token=${event.token}`)
      const energy = card(page, 'Tisch 3 · Energie')
      const field = energy.getByLabel('Tischnummer')
      await expect(field).toHaveValue('3')
      // Outside 1…N the field says so and sends nothing.
      await field.fill('7')
      await field.press('Enter')
      await expect(energy.getByRole('alert')).toHaveText('Bitte eine ganze Zahl von 1 bis 3 eingeben.')
      await field.fill('1')
      await energy.getByRole('button', { name: 'Nummer speichern: Energie' }).click()
      await expect(card(page, 'Tisch 1 · Energie')).toBeVisible()
      await expect(card(page, 'Tisch 3 · Mobilität')).toBeVisible()
      await expect(card(page, 'Tisch 1 · Energie').getByLabel('Tischnummer')).toHaveValue('1')
      // The open board's header follows at once, without a reload.
      await expect(energyBoard.getByTestId('table-name')).toHaveText('Tisch 1 · Energie')
      await energyBoard.close()
      await card(page, 'Tisch 1 · Energie').scrollIntoViewIfNeeded()
      await page.screenshot({ path: `${screenshots}control-room-table-number-desktop.png` })

      // On a tablet and a phone, by touch: Wohnen becomes table 3 (Mobilität takes 2).
      for (const [name, viewport] of [
        ['tablet', { width: 820, height: 1180 }],
        ['phone', { width: 390, height: 844 }],
      ] as const) {
        const context = await touchContext(browser, server.url, viewport)
        try {
          const device = await context.newPage()
          await device.goto(`/w/${event.id}?token=${event.token}`)
          const target = name === 'tablet' ? 'Wohnen' : 'Mobilität'
          const from = name === 'tablet' ? 'Tisch 2 · Wohnen' : 'Tisch 2 · Mobilität'
          const input = card(device, from).getByLabel('Tischnummer')
          await input.scrollIntoViewIfNeeded()
          await input.tap()
          await input.fill('3')
          await card(device, from)
            .getByRole('button', { name: `Nummer speichern: ${target}` })
            .tap()
          await expect(card(device, `Tisch 3 · ${target}`)).toBeVisible()
          await card(device, `Tisch 3 · ${target}`).getByLabel('Tischnummer').scrollIntoViewIfNeeded()
          await device.screenshot({ path: `${screenshots}control-room-table-number-${name}.png` })
        } finally {
          await context.close()
        }
      }

      // The join page on a phone names the tables by their numbers.
      const phone = await touchContext(browser, server.url, { width: 390, height: 844 })
      try {
        const join = await phone.newPage()
        await join.goto(`/join/${event.joinCode}`)
        const choices = join.locator('.pw-join__tables .pw-choice__title')
        await expect(choices).toHaveText(['Tisch 1 · Energie', 'Tisch 2 · Wohnen', 'Tisch 3 · Mobilität'])
        await join.screenshot({ path: `${screenshots}join-table-numbers-phone.png`, fullPage: true })
      } finally {
        await phone.close()
      }
    },
  )
})
