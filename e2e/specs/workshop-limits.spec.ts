import type { Browser, BrowserContextOptions } from '@playwright/test'
import { callApi } from '@pinnwand/shared/contract/callApi'
import { createWorkshop } from '@pinnwand/shared/workshopRoutes'
import { expect, test } from '../fixtures/test.ts'
import type { NetworkLog } from '../fixtures/networkGuard.ts'
import { joinByCode, watchMissingKeys } from '../pages/workshopSupport.ts'

interface Setup {
  id: string
  joinCode: string
  facilitatorToken: string
  boards: { id: string; title: string }[]
}

async function createWithLimit(baseURL: string): Promise<Setup> {
  const body = await callApi(
    createWorkshop,
    {
      body: {
        title: 'Marktplatz',
        language: 'en',
        boards: [
          { title: 'Klein', question: 'Nur für eine Person', maxParticipants: 1 },
          { title: 'Groß' },
          { title: 'Mittel' },
        ],
      },
    },
    { baseUrl: baseURL },
  )
  return {
    id: body.workshop.id,
    joinCode: body.workshop.joinCode,
    facilitatorToken: body.facilitatorToken,
    boards: body.boards,
  }
}

async function person(browser: Browser, options: BrowserContextOptions, networkLog: NetworkLog, missing: string[][]) {
  const context = await browser.newContext(options)
  networkLog.watch(context)
  missing.push(watchMissingKeys(context))
  return { context, page: await context.newPage() }
}

test.describe('a table with a participant limit', () => {
  test("a full table says so in the participant's language and offers the other tables", async ({
    browser,
    baseURL,
    networkLog,
    projectContextOptions,
    page,
    context,
  }) => {
    const missing = [watchMissingKeys(context)]
    const w = await createWithLimit(baseURL!)
    const [small, big, middle] = w.boards as [Setup['boards'][0], Setup['boards'][0], Setup['boards'][0]]
    const ada = await person(browser, projectContextOptions, networkLog, missing)
    const ben = await person(browser, { ...projectContextOptions, locale: 'de-DE' }, networkLog, missing)
    try {
      // The join page shows the limit; Ada takes the only place.
      await ada.page.goto(`/join/${w.joinCode}`)
      await expect(ada.page.getByText('0 of 1 places taken')).toBeVisible()
      await joinByCode(ada.page, w.joinCode, 'Ada', 'Klein')

      // Ben comes with the QR code of the same table: told in German, the other tables offered.
      await ben.page.goto(`/join/${w.joinCode}?board=${small.id}`)
      await expect(ben.page.getByRole('heading', { name: 'Klein' })).toBeVisible()
      await ben.page.getByLabel('Ihr Name').fill('Ben')
      await ben.page.getByRole('button', { name: 'Beitreten' }).click()
      await expect(
        ben.page
          .getByRole('alert')
          .filter({ hasText: 'Dieser Thementisch ist voll. Bitte wählen Sie einen anderen Thementisch.' }),
      ).toBeVisible()
      await expect(ben.page.getByRole('radio', { name: /Klein.*voll/ })).toBeVisible()
      await ben.page.getByRole('radio', { name: /Groß/ }).check()
      await ben.page.getByRole('button', { name: 'Beitreten' }).click()
      await expect(ben.page).toHaveURL(`/b/${big.id}`)
      await expect(ben.page.getByTestId('connection-status')).toHaveAttribute('data-status', 'connected', {
        timeout: 20_000,
      })

      // Later Ben scans the full table's QR code again: the board refuses (4429) and offers the others.
      await ben.page.goto(`/join/${w.joinCode}?board=${small.id}`)
      const full = ben.page.getByTestId('table-full')
      await expect(full.getByRole('heading', { name: 'Dieser Thementisch ist voll' })).toBeVisible({ timeout: 20_000 })
      await full.getByRole('button', { name: /Mittel/ }).click()
      await expect(ben.page).toHaveURL(`/b/${middle.id}`)
      await expect(ben.page.getByTestId('connection-status')).toHaveAttribute('data-status', 'connected', {
        timeout: 20_000,
      })

      // The facilitator sees the seats and raises the limit on the dashboard.
      await page.goto(`/w/${w.id}?token=${w.facilitatorToken}`)
      const smallCard = page.getByTestId('table-card').filter({ hasText: 'Klein' })
      await expect(smallCard.getByTestId('seated-count')).toHaveText('1 / 1')
      await smallCard.getByLabel('Participant limit').fill('2')
      await smallCard.getByRole('button', { name: 'Save limit: Klein' }).click()
      await expect(smallCard.getByTestId('seated-count')).toHaveText('1 / 2')
      await ben.page.goto(`/join/${w.joinCode}?board=${small.id}`)
      await expect(ben.page).toHaveURL(`/b/${small.id}`)
      await expect(ben.page.getByTestId('connection-status')).toHaveAttribute('data-status', 'connected', {
        timeout: 20_000,
      })
      await expect(smallCard.getByTestId('seated-count')).toHaveText('2 / 2', { timeout: 10_000 })
    } finally {
      await ada.context.close()
      await ben.context.close()
    }
    expect(missing.flat()).toEqual([])
  })
})
