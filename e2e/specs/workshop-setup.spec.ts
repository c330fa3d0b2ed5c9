import { expect, test } from '../fixtures/test.ts'
import {
  addIdea,
  decodeQr,
  joinByCode,
  phoneOptions,
  tabletOptions,
  watchMissingKeys,
} from '../pages/workshopSupport.ts'

const TABLES = [
  { title: 'Mobilität', question: 'Wie kommen wir 2030 zur Arbeit?' },
  { title: 'Wohnen', question: 'Was macht ein Quartier lebenswert?' },
  { title: 'Energie', question: 'Woher kommt unser Strom?' },
]

test.describe('setting up a workshop in the browser', () => {
  test(
    'three tables from the start page, join sheets with QR codes, participants on a phone and a tablet, live dashboard',
    { tag: '@desktop' },
    async ({ page, context, browser, baseURL, networkLog }) => {
      const missing = watchMissingKeys(context)
      await context.grantPermissions(['clipboard-read', 'clipboard-write'])

      // (a) The start page form: title and three tables.
      await page.goto('/')
      await page.getByLabel('Workshop title').fill('Regionalforum Nord')
      for (let i = 1; i < TABLES.length; i++) await page.getByRole('button', { name: 'Add theme table' }).click()
      for (const [i, table] of TABLES.entries()) {
        const row = page.getByRole('group', { name: `Theme table ${i + 1}` })
        await row.getByLabel('Title').fill(table.title)
        await row.getByLabel('Guiding question').fill(table.question)
      }
      await page.getByRole('button', { name: 'Create workshop with 3 theme tables' }).click()
      await expect(page).toHaveURL(/\/w\/[^/?]+$/)
      const workshopId = new URL(page.url()).pathname.split('/')[2]!
      await expect(page.getByRole('heading', { level: 1, name: 'Regionalforum Nord' })).toBeVisible()

      // The private dashboard link: shown at once, with a warning and a copy button.
      await expect(page.getByText('Keep it secret!')).toBeVisible()
      const secretLink = page.getByLabel('Dashboard link')
      await expect(secretLink).toHaveValue(new RegExp(`/w/${workshopId}\\?token=.{20,}`))
      const secret = page.locator('details.pw-secret')
      await secret.getByRole('button', { name: 'Copy' }).click()
      await expect(secret.getByText('Copied')).toBeVisible()
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await secretLink.inputValue())

      const cards = page.getByTestId('table-card')
      await expect(cards).toHaveCount(3)
      const boardIds = await cards.evaluateAll((elements) =>
        elements.map((element) => element.getAttribute('data-board-id') ?? ''),
      )
      const joinCode = (await page.getByTestId('join-code').innerText()).replace(/\s/g, '')
      expect(joinCode).toMatch(/^[A-Z2-9]{6}$/)

      // (b) The printable join sheets: one page for the room, one per table, QR codes that a
      // camera reads as the right join link.
      await page.getByRole('link', { name: 'Print join sheets with QR codes' }).click()
      await expect(page).toHaveURL(`/w/${workshopId}/print`)
      const sheets = page.getByTestId('join-sheet')
      await expect(sheets).toHaveCount(4)
      expect(await decodeQr(sheets.nth(0).locator('svg'))).toBe(`${baseURL}/join/${joinCode}`)
      for (const [i, table] of TABLES.entries()) {
        const sheet = sheets.nth(i + 1)
        await expect(sheet.getByRole('heading', { name: table.title })).toBeVisible()
        await expect(sheet.getByText(table.question)).toBeVisible()
        await expect(sheet.getByText(`${joinCode.slice(0, 3)} ${joinCode.slice(3)}`)).toBeVisible()
        expect(await decodeQr(sheet.locator('svg'))).toBe(`${baseURL}/join/${joinCode}?board=${boardIds[i]}`)
      }
      await page.emulateMedia({ media: 'print' })
      await expect(page.getByRole('button', { name: 'Print' })).toBeHidden()
      // What the printer gets: exactly one A4 page per sheet.
      const pdf = (await page.pdf({ format: 'A4', preferCSSPageSize: true })).toString('latin1')
      expect(pdf.match(/\/Type\s*\/Page(?!s)/g)).toHaveLength(4)
      await page.emulateMedia({ media: 'screen' })

      // (c, d) Back on the dashboard (and never reloaded from here on), people join.
      await page.getByRole('link', { name: 'Back to the dashboard' }).click()
      await page.evaluate(() => Object.assign(window, { __sameDashboard: true }))
      const card = (i: number) => cards.nth(i)
      await expect(card(0).getByTestId('participant-count')).toHaveText('0')
      await expect(card(0).getByTestId('idea-count')).toHaveText('0')

      const phone = await browser.newContext(phoneOptions(baseURL!))
      const tablet = await browser.newContext(tabletOptions(baseURL!))
      networkLog.watch(phone)
      networkLog.watch(tablet)
      const phoneMissing = watchMissingKeys(phone)
      const tabletMissing = watchMissingKeys(tablet)
      try {
        const onPhone = await phone.newPage()
        const onTablet = await tablet.newPage()
        await joinByCode(onPhone, joinCode.toLowerCase(), 'Pia', 'Mobilität')
        await joinByCode(onTablet, `${joinCode.slice(0, 3)}-${joinCode.slice(3)}`, 'Tom', 'Wohnen')
        await addIdea(onPhone, 'Bus alle 10 Minuten')
        await addIdea(onTablet, 'Mehr Grün zwischen den Häusern')

        // The dashboard's polling brings both tables' numbers, no reload.
        for (const i of [0, 1]) {
          await expect(card(i).getByTestId('participant-count')).toHaveText('1', { timeout: 20_000 })
          await expect(card(i).getByTestId('seated-count')).toHaveText('1')
          await expect(card(i).getByTestId('idea-count')).toHaveText('1', { timeout: 20_000 })
        }
        await expect(card(2).getByTestId('participant-count')).toHaveText('0')
        await expect(page.getByText('3 theme tables · 2 people connected now')).toBeVisible()
        expect(await page.evaluate(() => (window as { __sameDashboard?: boolean }).__sameDashboard)).toBe(true)

        // Each participant sees their own table's idea, not the other one's.
        await expect(onPhone.getByText('Bus alle 10 Minuten').first()).toBeVisible()
        await expect(onTablet.getByText('Mehr Grün zwischen den Häusern').first()).toBeVisible()
        await expect(onPhone.getByText('Mehr Grün zwischen den Häusern')).toHaveCount(0)
      } finally {
        await phone.close()
        await tablet.close()
      }
      expect([...missing, ...phoneMissing, ...tabletMissing]).toEqual([])
    },
  )

  test('passphrase recovery: a lost dashboard link comes back with the passphrase', async ({
    page,
    context,
    browser,
    baseURL,
    networkLog,
  }) => {
    const missing = watchMissingKeys(context)
    await page.goto('/')
    await page.getByLabel('Workshop title').fill('Zukunftskonferenz')
    await page.getByRole('group', { name: 'Theme table 1' }).getByLabel('Title').fill('Bildung')
    await page.getByRole('button', { name: 'Create workshop with 1 theme table' }).click()
    await expect(page).toHaveURL(/\/w\/[^/?]+$/)
    const workshopId = new URL(page.url()).pathname.split('/')[2]!

    await page.getByLabel('Passphrase (at least 8 characters)').fill('kurz')
    await page.getByRole('button', { name: 'Save passphrase' }).click()
    await expect(page.getByText('The passphrase needs at least 8 characters.')).toBeVisible()
    await page.getByLabel('Passphrase (at least 8 characters)').fill('Sonnenblume-42')
    await page.getByRole('button', { name: 'Save passphrase' }).click()
    await expect(page.getByText('Passphrase saved.')).toBeVisible()

    // Another device, no link: the start page's recovery form.
    const other = await browser.newContext({ baseURL, locale: 'en-US' })
    networkLog.watch(other)
    const otherMissing = watchMissingKeys(other)
    try {
      const fresh = await other.newPage()
      await fresh.goto(`/w/${workshopId}`)
      await expect(fresh.getByTestId('no-access')).toBeVisible()
      await fresh.goto('/')
      await fresh.getByLabel('Workshop ID or any link of the workshop').fill(`${baseURL}/w/${workshopId}`)
      await fresh.getByLabel('Passphrase', { exact: true }).fill('Sonnenblume-41')
      await fresh.getByRole('button', { name: 'Recover access' }).click()
      await expect(fresh.getByText('The passphrase is not correct.')).toBeVisible()
      await fresh.getByLabel('Passphrase', { exact: true }).fill('Sonnenblume-42')
      await fresh.getByRole('button', { name: 'Recover access' }).click()
      await expect(fresh).toHaveURL(`/w/${workshopId}`)
      await expect(fresh.getByRole('heading', { level: 1, name: 'Zukunftskonferenz' })).toBeVisible()
      await expect(fresh.getByTestId('table-card')).toHaveCount(1)
      // The old link keeps working too: recovery adds a token, it revokes none.
      await page.reload()
      await expect(page.getByTestId('table-card')).toHaveCount(1)
    } finally {
      await other.close()
    }
    expect([...missing, ...otherMissing]).toEqual([])
  })
})
