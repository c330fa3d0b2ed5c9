import { mkdirSync } from 'node:fs'
import path from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { updateTable } from '@pinnwand/shared/boardRoutes'
import { callApi } from '@pinnwand/shared/contract/callApi'
import { createWorkshop, joinWorkshop, takeSeat } from '@pinnwand/shared/workshopRoutes'
import { postIdea } from '../fixtures/api.ts'
import { expect, test } from '../fixtures/test.ts'
import { joinByCode, watchMissingKeys } from '../pages/workshopSupport.ts'

function regionalforum(baseURL: string) {
  return callApi(
    createWorkshop,
    {
      body: {
        title: 'Regionalforum Nordstadt 2030',
        language: 'de',
        // Today in Berlin: a fixed date expires the join code JOIN_CODE_GRACE_DAYS later.
        date: new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date()),
        boards: [
          {
            title: 'Mobilität',
            question: 'Wie kommen wir 2030 klimafreundlich zur Arbeit?',
            template: 'thementisch',
            maxParticipants: 12,
          },
          { title: 'Wohnen & Quartier', question: 'Was macht unser Quartier lebenswert?', template: 'thementisch' },
          { title: 'Energie', question: 'Woher kommt unser Strom in zehn Jahren?', template: 'ideenwerkstatt' },
        ],
      },
    },
    { baseUrl: baseURL },
  )
}

/** Joins the workshop through the API, as the join page does; the participant's token. */
async function join(baseURL: string, workshop: { id: string; joinCode: string }, name: string) {
  const joined = await callApi(
    joinWorkshop,
    { params: { workshopId: workshop.id }, body: { name, joinCode: workshop.joinCode } },
    { baseUrl: baseURL },
  )
  return joined.participantToken
}

const SCREENSHOTS = process.env.PINNWAND_SCREENSHOTS === '1'
const screenshotDir = path.join(import.meta.dirname, '../../docs/screenshots')

const BLOCKING = new Set(['serious', 'critical'])

/**
 * Every page of the workshop flow, in German and in English: rendered, in that language, no
 * missing key, no serious or critical axe violation.
 */
for (const [locale, language, words] of [
  [
    'de-DE',
    'de',
    {
      start: 'Mitmachen',
      dashboard: 'Moderation',
      print: 'Drucken',
      full: 'Dieser Thementisch ist voll',
      gone: 'gelöscht',
    },
  ],
  [
    'en-US',
    'en',
    { start: 'Join in', dashboard: 'Facilitation', print: 'Print', full: 'This theme table is full', gone: 'deleted' },
  ],
] as const) {
  test(
    `every workshop page renders in ${language} without a missing key`,
    { tag: '@desktop' },
    async ({ browser, baseURL, networkLog }) => {
      // Thirteen pages, each scanned by axe, on two shared cores.
      test.setTimeout(150_000)
      const context = await browser.newContext({
        baseURL,
        locale,
        viewport: { width: 1280, height: 800 },
        timezoneId: 'Europe/Berlin',
      })
      networkLog.watch(context)
      const missing = watchMissingKeys(context)
      const page = await context.newPage()
      const violations: { page: string; id: string; targets: string[] }[] = []
      const seen = async (what: string, check: (page: Page) => Promise<void>) => {
        await check(page)
        await expect(page.locator('html'), what).toHaveAttribute('lang', language)
        await expect(page.locator('body'), `${what} is not blank`).not.toHaveText(/^\s*$/)
        const results = await new AxeBuilder({ page }).analyze()
        for (const violation of results.violations.filter((v) => BLOCKING.has(v.impact ?? ''))) {
          violations.push({
            page: what,
            id: violation.id,
            targets: violation.nodes.map((node) => node.target.join(' ')),
          })
        }
      }
      try {
        const w = await regionalforum(baseURL!)
        const [mobility, housing] = [w.boards[0]!, w.boards[1]!]

        await page.goto('/')
        await seen('start page', async (p) => expect(p.getByRole('heading', { name: words.start })).toBeVisible())
        await page.goto('/join')
        await seen('join page', async (p) => expect(p.getByRole('heading', { name: words.start })).toBeVisible())
        await page.goto(`/join/${w.workshop.joinCode}`)
        await seen('join form', async (p) =>
          expect(p.getByRole('heading', { name: 'Regionalforum Nordstadt 2030' })).toBeVisible(),
        )
        await page.goto('/join/ZZZZZZ')
        await seen('wrong code', async (p) => expect(p.getByTestId('join-error')).toBeVisible())

        // Participants with ideas, so dashboard and board show real numbers.
        for (const [name, idea] of [
          ['Aylin', 'Busse alle 10 Minuten, auch abends'],
          ['Jonas', 'Sichere Radwege zu allen Schulen'],
          ['Marta', 'Car-Sharing-Stationen in jedem Viertel'],
        ] as const) {
          await postIdea(baseURL!, mobility.id, await join(baseURL!, w.workshop, name), idea)
        }
        await joinByCode(page, w.workshop.joinCode, 'Lena', 'Mobilität')
        await seen('board', async (p) => expect(p.getByTestId('idea-card').first()).toBeVisible())
        if (SCREENSHOTS && language === 'de') {
          mkdirSync(screenshotDir, { recursive: true })
          await expect(page.getByTestId('idea-card')).toHaveCount(3)
          // The whole board, as "Alles zeigen" frames it.
          await page.getByTestId('show-everything').click()
          await page.waitForTimeout(400)
          await page.mouse.move(640, 400)
          await page.screenshot({ path: path.join(screenshotDir, 'board-de.png') })
        }

        // Lena stays on her board (the dashboard counts her) while the facilitator looks.
        const facilitator = await context.newPage()
        await facilitator.goto(`/w/${w.workshop.id}?token=${w.facilitatorToken}`)
        await expect(facilitator.getByTestId('table-card').first().getByTestId('participant-count')).toHaveText('1', {
          timeout: 20_000,
        })
        if (SCREENSHOTS && language === 'de') {
          await expect(facilitator.getByTestId('table-card').first().getByTestId('idea-count')).toHaveText('3', {
            timeout: 20_000,
          })
          await facilitator.screenshot({ path: path.join(screenshotDir, 'dashboard-de.png'), fullPage: true })
        }
        await facilitator.close()

        await page.goto(`/w/${w.workshop.id}?token=${w.facilitatorToken}`)
        await seen('dashboard', async (p) => expect(p.getByTestId('table-card')).toHaveCount(3))
        await expect(page.getByTestId('table-card').first().getByTestId('idea-count')).toHaveText('3', {
          timeout: 20_000,
        })
        await page.goto(`/w/${w.workshop.id}/print`)
        await seen('join sheets', async (p) => expect(p.getByTestId('join-sheet')).toHaveCount(4))
        await expect(page.getByRole('button', { name: words.print, exact: true })).toBeVisible()
        if (SCREENSHOTS && language === 'de') {
          // One sheet as on screen (a page on the desk), without the print toolbar.
          await page.addStyleTag({ content: '.pw-no-print { display: none !important; }' })
          await page.setViewportSize({ width: 900, height: 1300 })
          const sheet = (await page.getByTestId('join-sheet').nth(1).boundingBox())!
          const margin = 24
          await page.screenshot({
            path: path.join(screenshotDir, 'join-sheet-de.png'),
            fullPage: true,
            clip: {
              x: sheet.x - margin,
              y: sheet.y - margin,
              width: sheet.width + 2 * margin,
              height: sheet.height + 2 * margin,
            },
          })
          await page.setViewportSize({ width: 1280, height: 800 })
        }
        await page.goto(w.links.projector)
        await seen('projector entry', async (p) =>
          expect(p.getByRole('button', { name: /Wohnen & Quartier/ })).toBeVisible(),
        )

        // A full table, as the board says it.
        await callApi(
          updateTable,
          { params: { boardId: housing.id }, body: { maxParticipants: 1 }, token: w.facilitatorToken },
          { baseUrl: baseURL },
        )
        const other = await join(baseURL!, w.workshop, 'Ole')
        await callApi(takeSeat, { params: { boardId: housing.id }, token: other }, { baseUrl: baseURL })
        await page.goto(`/join/${w.workshop.joinCode}?board=${housing.id}`)
        await seen('table full', async (p) =>
          expect(p.getByRole('heading', { name: words.full })).toBeVisible({ timeout: 20_000 }),
        )

        // Deleted: the dashboard, the join code, the board.
        await page.goto(`/w/${w.workshop.id}?token=${w.facilitatorToken}`)
        const panel = page.getByTestId('delete-workshop')
        await panel.locator('summary').click()
        await panel.getByRole('textbox').fill('Regionalforum Nordstadt 2030')
        await panel.getByRole('button').click()
        await seen('deleted (dashboard)', async (p) => expect(p.getByTestId('workshop-deleted')).toBeVisible())
        await page.goto(`/join/${w.workshop.joinCode}`)
        await seen('deleted (join)', async (p) => expect(p.getByTestId('join-error')).toContainText(words.gone))
        await page.goto(`/b/${mobility.id}`)
        await seen('deleted (board)', async (p) => expect(p.getByTestId('board-error')).toContainText(words.gone))
        await page.goto(`/w/${w.workshop.id}`)
        await seen('no access', async (p) => expect(p.getByTestId('no-access')).toBeVisible())
      } finally {
        await context.close()
      }
      expect(missing).toEqual([])
      expect(violations).toEqual([])
    },
  )
}
