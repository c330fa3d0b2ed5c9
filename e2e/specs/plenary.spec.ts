import AxeBuilder from '@axe-core/playwright'
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import type { Browser, BrowserContextOptions, Locator, Page } from '@playwright/test'
import { callApi } from '@pinnwand/shared/contract/callApi'
import { exportBoard } from '@pinnwand/shared/exportRoutes'
import { promoteToShortlist } from '@pinnwand/shared/shortlistRoutes'
import { createWorkshop, workshopOverview } from '@pinnwand/shared/workshopRoutes'
import {
  giveDot,
  joinWorkshop,
  openRound,
  postIdea,
  projectorToken,
  revealRound,
  type Workshop,
} from '../fixtures/api.ts'
import { expect, test } from '../fixtures/test.ts'
import { phoneOptions, tabletOptions } from '../pages/workshopSupport.ts'

/** Four theme tables, five ideas each (some long); each table's voter gives 5, 4, 2 and 1 dots. */
const TABLES = [
  {
    title: 'Mobilität',
    question: 'Wie kommen wir 2030 sicher durch die Nordstadt?',
    ideas: [
      'Geschützte, durchgehende Radwege an der Hauptstraße zwischen Bahnhof und Marktplatz, mit Abstand zu parkenden Autos und sicheren Kreuzungen für Kinder, die allein zur Schule fahren.',
      'Nachtbus am Wochenende',
      'Mehr Fahrradbügel am Bahnhof, überdacht und beleuchtet',
      'Carsharing im Quartier',
      'Tempo 30 vor Schulen',
    ],
  },
  {
    title: 'Wohnen',
    question: 'Was macht ein Quartier lebenswert?',
    ideas: [
      'Gemeinschaftsgärten auf brachliegenden Flächen',
      'Bezahlbare Wohnungen für junge Familien und ältere Menschen unter einem Dach, mit gemeinsamen Räumen für Feste, Kinderbetreuung und Nachbarschaftshilfe im Alltag.',
      'Sitzbänke im Schatten',
      'Offene Werkstatt',
      'Weniger Leerstand',
    ],
  },
  {
    title: 'Energie',
    question: 'Woher kommt unser Strom?',
    ideas: [
      'Solardächer auf allen Schulen',
      'Bürgerenergie-Genossenschaft',
      'Wärmepumpen-Beratung kostenlos für alle Haushalte im Stadtteil, mit Sprechstunden im Bürgerhaus und Hausbesuchen für Menschen, die nicht mobil sind.',
      'Balkonkraftwerke fördern',
      'Nahwärmenetz',
    ],
  },
  {
    title: 'Bildung',
    question: 'Wo lernen wir gemeinsam?',
    ideas: [
      'Stadtteilbibliothek länger öffnen',
      'Lernpatenschaften',
      'Repair-Café in der Schule',
      'Sprachcafé',
      'Digitale Sprechstunde für Senioren',
    ],
  },
]
const DOTS = [5, 4, 2, 1, 0]

const shots = process.env.PINNWAND_SCREENSHOTS === '1'
const shotDir = path.join(import.meta.dirname, '../../docs/screenshots')
async function shoot(page: Page, name: string, fullPage = false) {
  if (!shots) return
  mkdirSync(shotDir, { recursive: true })
  await page.waitForTimeout(1200)
  await page.screenshot({ path: path.join(shotDir, name), fullPage })
}

/** No serious or critical accessibility violations on the page (axe-core). */
async function expectAccessible(page: Page) {
  const result = await new AxeBuilder({ page }).analyze()
  const blocking = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  expect(blocking.map((v) => ({ id: v.id, targets: v.nodes.map((n) => n.target.join(' ')) }))).toEqual([])
}

const fontPx = (locator: Locator) => locator.evaluate((el) => parseFloat(getComputedStyle(el).fontSize))

/** Problems of elements that do not show whole: cut, ellipsised, outside their box or the screen. */
async function clipped(items: Locator): Promise<string[]> {
  return items.evaluateAll((elements) => {
    const problems: string[] = []
    for (const item of elements) {
      const box = item.getBoundingClientRect()
      if (box.bottom > window.innerHeight || box.right > window.innerWidth)
        problems.push(`off screen: ${item.textContent}`)
      for (const el of [item, ...Array.from(item.querySelectorAll<HTMLElement>('*'))]) {
        const style = getComputedStyle(el)
        if (el.scrollWidth > el.clientWidth + 1) problems.push(`wider than its box: ${el.textContent}`)
        if (el.scrollHeight > el.clientHeight + 1 && style.overflow !== 'visible')
          problems.push(`cut: ${el.textContent}`)
        if (style.textOverflow === 'ellipsis' || style.webkitLineClamp !== 'none')
          problems.push(`ellipsis: ${el.textContent}`)
      }
    }
    return problems
  })
}

const german = (baseURL: string, viewport = { width: 1280, height: 800 }): BrowserContextOptions => ({
  baseURL,
  locale: 'de-DE',
  timezoneId: 'Europe/Berlin',
  viewport,
})

/** The setup form in German with four tables and the Plenum section filled in. */
async function fillSetupForm(page: Page) {
  await page.goto('/')
  await page.getByLabel('Titel der Veranstaltung').fill('Zukunftsforum Nordstadt')
  for (let i = 1; i < TABLES.length; i++) await page.getByRole('button', { name: 'Thementisch hinzufügen' }).click()
  for (const [i, table] of TABLES.entries()) {
    const row = page.getByRole('group', { name: `Thementisch ${i + 1}` })
    await row.getByLabel('Titel', { exact: true }).fill(table.title)
    await row.getByLabel('Leitfrage').fill(table.question)
    // The plenum template is no longer a table's template.
    await expect(row.getByLabel('Vorlage').locator('option', { hasText: 'Plenum' })).toHaveCount(0)
  }
  const plenary = page.getByTestId('plenary-fields')
  await plenary.getByText('Plenum-Board anlegen').click()
  await expect(plenary.getByLabel('Titel des Plenums')).toHaveValue('Plenum')
  await plenary.getByLabel('Leitfrage des Plenums').fill('Welche Ideen gehen wir gemeinsam an?')
}

/** Fresh contexts at the three sizes a person uses (desktop, touch tablet, touch phone). */
async function atThreeSizes(browser: Browser, baseURL: string, visit: (page: Page, size: string) => Promise<void>) {
  const sizes: [string, BrowserContextOptions][] = [
    ['desktop', german(baseURL)],
    ['tablet', { ...tabletOptions(baseURL, 'de-DE') }],
    ['phone', { ...phoneOptions(baseURL, 'de-DE'), viewport: { width: 390, height: 844 } }],
  ]
  for (const [size, options] of sizes) {
    const context = await browser.newContext(options)
    try {
      await visit(await context.newPage(), size)
    } finally {
      await context.close()
    }
  }
}

test.describe('the plenary: its own kind of board, gathering every table’s shortlist', () => {
  test(
    '4 tables each promote 3 ideas → the plenary shows 12 cards with table, rank and points, none clipped; walkthrough at 1920×1080; the report names the plenary',
    { tag: '@desktop' },
    async ({ browser, server }) => {
      test.setTimeout(300_000)
      const baseURL = server.url

      // (a) The organiser sets up the workshop in the browser, the plenary in its own section.
      const organiser = await browser.newContext(german(baseURL))
      const page = await organiser.newPage()
      await fillSetupForm(page)
      await page.getByRole('button', { name: 'Veranstaltung mit 4 Thementischen und Plenum anlegen' }).click()
      await expect(page).toHaveURL(/\/w\/[^/?]+$/)
      const workshopId = new URL(page.url()).pathname.split('/')[2]!
      const facilitatorToken = new URL(await page.getByLabel('Dashboard-Link').inputValue()).searchParams.get('token')!
      const overview = await callApi(
        workshopOverview,
        { params: { workshopId }, token: facilitatorToken },
        { baseUrl: baseURL },
      )
      expect(overview.boards.map((b) => [b.title, b.kind])).toEqual([
        ...TABLES.map((t) => [t.title, 'table']),
        ['Plenum', 'plenary'],
      ])
      const tableIds = overview.boards.slice(0, 4).map((b) => b.id)
      const plenaryId = overview.boards[4]!.id
      const workshop: Workshop = {
        id: workshopId,
        joinCode: overview.workshop.joinCode,
        facilitatorToken,
        boardId: tableIds[0]!,
        boards: overview.boards,
      }

      // (b) The join page offers the four tables, not the closed plenary …
      const joinContext = await browser.newContext(german(baseURL))
      const joinPage = await joinContext.newPage()
      await joinPage.goto(`/join/${workshop.joinCode}`)
      await expect(joinPage.getByRole('radio')).toHaveCount(4)
      await expect(joinPage.getByTestId('join-plenary-badge')).toHaveCount(0)
      // … until the organiser opens it on the dashboard.
      const access = page.getByTestId('plenary-access')
      await expect(access.getByText('Das Plenum ist für Teilnehmende geschlossen.')).toBeVisible()
      await access.getByText('Teilnehmende können das Plenum betreten').click()
      await expect(access.getByText('Das Plenum ist für Teilnehmende offen.')).toBeVisible()
      await expectAccessible(page)
      await joinPage.reload()
      await expect(joinPage.getByRole('radio')).toHaveCount(5)
      // Its title says "Plenum" already: no badge saying it again; its question below it.
      await expect(joinPage.getByRole('radio', { name: /Plenum/ })).toBeVisible()
      await expect(joinPage.getByText('Welche Ideen gehen wir gemeinsam an?')).toBeVisible()
      await expect(joinPage.getByTestId('join-plenary-badge')).toHaveCount(0)
      await joinContext.close()

      // (c) Each table collects, votes and promotes its top 3 (set up through the public API).
      for (const [t, table] of TABLES.entries()) {
        const ids: string[] = []
        for (const text of table.ideas) ids.push(await postIdea(baseURL, tableIds[t]!, facilitatorToken, text))
        const roundId = await openRound(baseURL, tableIds[t]!, facilitatorToken, { dotsPerParticipant: 12 })
        const voter = await joinWorkshop(baseURL, { ...workshop, boardId: tableIds[t]! }, `Stimme ${t + 1}`)
        for (const [i, dots] of DOTS.entries()) {
          for (let d = 0; d < dots; d++) await giveDot(baseURL, roundId, voter.token, ids[i]!)
        }
        await revealRound(baseURL, roundId, facilitatorToken)
        await callApi(
          promoteToShortlist,
          { params: { boardId: tableIds[t]! }, body: { roundId, top: 3 }, token: facilitatorToken },
          { baseUrl: baseURL },
        )
      }

      // (d) The plenary board: 12 cards, each naming its table, rank and points, text whole.
      const plenaryPage = await organiser.newPage()
      await plenaryPage.setViewportSize({ width: 1920, height: 1080 })
      await plenaryPage.goto(`/b/${plenaryId}?token=${encodeURIComponent(facilitatorToken)}`)
      await expect(plenaryPage.getByTestId('canvas')).toBeVisible({ timeout: 60_000 })
      const cards = plenaryPage.getByTestId('idea-card')
      await expect(cards).toHaveCount(12, { timeout: 30_000 })
      const stored = await plenaryPage.evaluate(() =>
        window
          .__pinnwand!.editor.getCurrentPageShapes()
          .filter((s) => s.type === 'idea-card')
          .map((s) => ({
            text: (s.props as { text: string }).text,
            author: (s.props as { author: string }).author,
            meta: (s.meta as { shortlist: { tableNumber: number; rank: number; votes: number; table: string } })
              .shortlist,
          })),
      )
      expect(stored).toHaveLength(12)
      for (const [t, table] of TABLES.entries()) {
        for (let i = 0; i < 3; i++) {
          const card = stored.find((s) => s.text === table.ideas[i])
          expect(card, table.ideas[i]).toBeDefined()
          expect(card!.meta).toMatchObject({ table: table.title, tableNumber: t + 1, rank: i + 1, votes: DOTS[i] })
          expect(card!.author).toBe('')
        }
      }
      // Every card (at the overview's zoom: text and card scale together) shows its whole text and its origin line.
      for (const [t, table] of TABLES.entries()) {
        for (let i = 0; i < 3; i++) {
          const card = cards.filter({ hasText: table.ideas[i]!.slice(0, 40) })
          await expect(card.getByTestId('gathered-origin')).toHaveText(
            `Tisch ${t + 1} · Rang ${i + 1} · ${DOTS[i]} Punkte`,
          )
          const fit = await card.evaluate((el) => {
            const box = el.getBoundingClientRect()
            const text = el.querySelector<HTMLElement>('.pw-idea-card__text')!
            const origin = el.querySelector<HTMLElement>('[data-testid="gathered-origin"]')!
            return {
              textBottom: text.getBoundingClientRect().bottom,
              textScroll: text.scrollHeight - text.clientHeight,
              originTop: origin.getBoundingClientRect().top,
              originBottom: origin.getBoundingClientRect().bottom,
              cardBottom: box.bottom,
            }
          })
          expect(fit.textScroll, table.ideas[i]).toBeLessThanOrEqual(1)
          expect(fit.textBottom, table.ideas[i]).toBeLessThanOrEqual(fit.originTop + 1)
          expect(fit.originBottom, table.ideas[i]).toBeLessThanOrEqual(fit.cardBottom + 1)
        }
      }

      // (e) The big screen: the plenary board, then the walkthrough, one table per screen.
      const screenToken = await projectorToken(baseURL, plenaryId, facilitatorToken)
      const beamer = await browser.newContext(german(baseURL, { width: 1920, height: 1080 }))
      const screen = await beamer.newPage()
      await screen.goto(`/b/${plenaryId}?token=${encodeURIComponent(screenToken)}`)
      await expect(screen.getByTestId('projector-view')).toBeVisible({ timeout: 60_000 })
      // Twelve long cards do not fit at a readable zoom: the big cards, table by table, with their origin.
      const bigCards = screen.getByTestId('projector-idea')
      await expect(bigCards.first()).toBeVisible({ timeout: 20_000 })
      // All twelve, in pages if need be, table by table in shortlist order, each naming its origin.
      const origins = await screen
        .locator('.pw-idea-list__grid--measure .pw-idea-list__origin')
        .evaluateAll((els) => els.map((el) => el.textContent))
      expect(origins).toEqual(
        TABLES.flatMap((_, t) => DOTS.slice(0, 3).map((dots, i) => `Tisch ${t + 1} · Rang ${i + 1} · ${dots} Punkte`)),
      )
      for (const big of await bigCards.all()) {
        await expect(big).toContainText(/Tisch [1-4] · Rang [1-3] · [245] Punkte$/)
      }
      for (const big of await bigCards.all()) expect(await fontPx(big)).toBeGreaterThanOrEqual(18)
      expect(await clipped(bigCards)).toEqual([])
      await shoot(screen, 'plenary-board-1920.png')

      await plenaryPage.getByTestId('panel-tab-facilitation').click()
      const panel = plenaryPage.getByTestId('facilitation-panel')
      await panel.getByTestId('projector-mode-walkthrough').click()
      const walkthrough = screen.getByTestId('projector-walkthrough')
      await expect(walkthrough).toHaveAttribute('data-ready', 'true')
      for (const [t, table] of TABLES.entries()) {
        await expect(screen.getByTestId('walkthrough-table')).toHaveText(`Tisch ${t + 1}: ${table.title}`)
        const rows = screen.getByTestId('walkthrough-row')
        await expect(rows).toHaveCount(3)
        await expect(screen.getByTestId('walkthrough-text')).toHaveText(table.ideas.slice(0, 3))
        await expect(rows.first()).toContainText('5 Punkte')
        for (const text of await screen.getByTestId('walkthrough-text').all()) {
          expect(await fontPx(text)).toBeGreaterThanOrEqual(40)
        }
        expect(await clipped(rows)).toEqual([])
        if (t === 0) {
          await shoot(screen, 'projector-walkthrough-1920.png')
          await expectAccessible(screen)
        }
        // Next table by key on the projector machine (→), never past the last.
        await screen.keyboard.press('ArrowRight')
      }
      await expect(screen.getByTestId('walkthrough-table')).toHaveText(`Tisch 4: ${TABLES[3]!.title}`)
      // The facilitator's buttons step from what they chose last (table 1): table 2, back to 1.
      await panel.getByTestId('projector-table-next').click()
      await expect(screen.getByTestId('walkthrough-table')).toHaveText(`Tisch 2: ${TABLES[1]!.title}`)
      await panel.getByTestId('projector-table-previous').click()
      await expect(screen.getByTestId('walkthrough-table')).toHaveText(`Tisch 1: ${TABLES[0]!.title}`)
      await expect(panel.getByTestId('projector-table-previous')).toBeDisabled()
      // Before the first table ← does nothing; PageDown goes on.
      await screen.keyboard.press('ArrowLeft')
      await expect(screen.getByTestId('walkthrough-table')).toHaveText(`Tisch 1: ${TABLES[0]!.title}`)
      await screen.keyboard.press('PageDown')
      await expect(screen.getByTestId('walkthrough-table')).toHaveText(`Tisch 2: ${TABLES[1]!.title}`)
      await beamer.close()

      // (f) The report names the plenary as such, with table, rank and points per idea.
      const report = await callApi(
        exportBoard,
        { params: { boardId: plenaryId }, query: { format: 'md' }, token: facilitatorToken },
        { baseUrl: baseURL },
      )
      const md = await report.text()
      expect(md).toContain('| Plenum | Plenum |')
      expect(md).toContain('| Teilnehmende | — |')
      expect(md).not.toContain('Die Shortlist ist leer')
      expect(md).toContain(`Tisch 1: Mobilität, Rang 1, 5 Punkte`)
      expect(md).toContain(`Tisch 4: Bildung, Rang 3, 2 Punkte`)
      await organiser.close()
    },
  )

  test(
    'the setup form and the join page at desktop, tablet and phone size',
    { tag: '@desktop' },
    async ({ browser, server }) => {
      test.setTimeout(180_000)
      await atThreeSizes(browser, server.url, async (page, size) => {
        await fillSetupForm(page)
        await page.getByTestId('plenary-open').check()
        const fields = page.getByTestId('plenary-fields')
        await fields.scrollIntoViewIfNeeded()
        // Touch targets of the switches: whole lines of at least 44 px.
        for (const check of await fields.locator('.pw-plenary-fields__check').all()) {
          expect((await check.boundingBox())!.height).toBeGreaterThanOrEqual(44)
        }
        await shoot(page, `setup-plenary-${size}.png`)
        if (size === 'desktop') await expectAccessible(page)
      })
      const created = await callApi(
        createWorkshop,
        {
          body: {
            title: 'Zukunftsforum Nordstadt',
            language: 'de',
            boards: [
              ...TABLES.map((t) => ({ title: t.title, question: t.question })),
              { title: 'Abschlussrunde', kind: 'plenary', openToParticipants: true },
            ],
          },
        },
        { baseUrl: server.url },
      )
      await atThreeSizes(browser, server.url, async (page, size) => {
        await page.goto(`/join/${created.workshop.joinCode}`)
        await expect(page.getByRole('radio')).toHaveCount(5)
        await expect(page.getByTestId('join-plenary-badge')).toBeVisible()
        await expect(page.getByText('Alle Thementische gemeinsam')).toBeVisible()
        await shoot(page, `join-plenary-${size}.png`, true)
        if (size === 'desktop') await expectAccessible(page)
      })
    },
  )
})
