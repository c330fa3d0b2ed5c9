import { mkdirSync } from 'node:fs'
import path from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import type { Browser, Locator, Page } from '@playwright/test'
import { callApi } from '@pinnwand/shared/contract/callApi'
import * as facilitationRoutes from '@pinnwand/shared/facilitationRoutes'
import { createWorkshop } from '@pinnwand/shared/workshopRoutes'
import { giveDot, joinWorkshop, openRound, postIdea, projectorToken, revealRound } from '../fixtures/api.ts'
import { expect, test } from '../fixtures/test.ts'
import { BoardPage } from '../pages/BoardPage.ts'

interface Forum {
  id: string
  joinCode: string
  facilitatorToken: string
  boardId: string
  boards: { id: string; title: string }[]
}

/** A German forum with one table that has a title and a guiding question. */
async function forum(baseUrl: string): Promise<Forum> {
  const created = await callApi(
    createWorkshop,
    {
      body: {
        title: 'Zukunftsforum Nordstadt',
        language: 'de',
        boards: [
          { title: 'Thementisch Mobilität', question: 'Wie kommen wir 2030 sicher und bequem durch die Nordstadt?' },
        ],
      },
    },
    { baseUrl },
  )
  return {
    id: created.workshop.id,
    joinCode: created.workshop.joinCode,
    facilitatorToken: created.facilitatorToken,
    boardId: created.boards[0]!.id,
    boards: created.boards,
  }
}

/** The board on a 1920×1080 beamer, through a projector link the facilitator made. */
async function openProjector(browser: Browser, baseURL: string, f: Forum, { waitForView = true } = {}) {
  const token = await projectorToken(baseURL, f.boardId, f.facilitatorToken)
  const context = await browser.newContext({ baseURL, viewport: { width: 1920, height: 1080 }, locale: 'de-DE' })
  const page = await context.newPage()
  return {
    context,
    page,
    open: async () => {
      await page.goto(`/b/${encodeURIComponent(f.boardId)}?token=${encodeURIComponent(token)}`)
      if (waitForView) await expect(page.getByTestId('projector-view')).toBeVisible({ timeout: 60_000 })
    },
  }
}

const fontPx = (locator: Locator) => locator.evaluate((el) => parseFloat(getComputedStyle(el).fontSize))

/** Every element of a ranking row shows whole: nothing cut, nothing ellipsised, nothing outside the screen. */
async function clippedRows(page: Page): Promise<string[]> {
  return page.getByTestId('projector-result-row').evaluateAll((rows) => {
    const problems: string[] = []
    const list = rows[0]?.parentElement?.getBoundingClientRect()
    for (const row of rows) {
      if (row.getAttribute('data-hidden') === 'true') continue
      const box = row.getBoundingClientRect()
      if (list && (box.bottom > list.bottom + 1 || box.top < list.top - 1))
        problems.push(`row outside the list: ${row.textContent}`)
      if (box.bottom > window.innerHeight) problems.push(`row below the screen: ${row.textContent}`)
      for (const el of [row, ...Array.from(row.querySelectorAll<HTMLElement>('*'))]) {
        const style = getComputedStyle(el)
        if (el.scrollWidth > el.clientWidth + 1) problems.push(`wider than its box: ${el.className}`)
        if (el.scrollHeight > el.clientHeight + 1 && style.overflow !== 'visible') problems.push(`cut: ${el.className}`)
        if (style.textOverflow === 'ellipsis' || style.webkitLineClamp !== 'none')
          problems.push(`ellipsis: ${el.className}`)
      }
    }
    return problems
  })
}

const shots = process.env.PINNWAND_SCREENSHOTS === '1'
const shotDir = path.join(import.meta.dirname, '../../docs/screenshots')
async function shoot(page: Page, name: string) {
  if (!shots) return
  mkdirSync(shotDir, { recursive: true })
  // Let animations settle: what a person sees a moment later.
  await page.waitForTimeout(1500)
  await page.screenshot({ path: path.join(shotDir, name) })
}

test.describe('projector modes, readable from the back of the hall (1920×1080)', () => {
  test(
    'the facilitator switches board, countdown, join and results from the panel; keys work on the projector',
    { tag: '@desktop' },
    async ({ browser, server, board }) => {
      test.setTimeout(240_000)
      const f = await forum(server.url)
      const ideas = [
        'Geschützte Radwege an der Hauptstraße',
        'Nachtbus am Wochenende',
        'Mehr Fahrradbügel am Bahnhof',
        'Bänke zum Ausruhen',
      ]
      const ideaIds: string[] = []
      for (const text of ideas) ideaIds.push(await postIdea(server.url, f.boardId, f.facilitatorToken, text))
      const projector = await openProjector(browser, server.url, f)
      await projector.open()
      const screen = projector.page

      // Board: cards big enough to read (22 px text × zoom ≥ 18 px), no cursor of anybody.
      await expect(screen.getByTestId('idea-card')).toHaveCount(ideas.length)
      await expect
        .poll(() => screen.evaluate(() => 22 * window.__pinnwand!.editor.getZoomLevel()), { timeout: 15_000 })
        .toBeGreaterThanOrEqual(18)
      await expect(screen.getByTestId('projector-idea-list')).toHaveCount(0)

      // A participant moves the pointer over the board: their cursor is on the facilitator's
      // screen (the selector finds real cursors), never on the projector.
      const ada = await joinWorkshop(server.url, f, 'Ada')
      const adaContext = await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 800 } })
      const adaBoard = new BoardPage(await adaContext.newPage(), { touch: false })
      await adaBoard.page.goto(`/b/${f.boardId}?token=${encodeURIComponent(ada.token)}`)
      await expect(adaBoard.canvas).toBeVisible({ timeout: 60_000 })
      await adaBoard.waitForConnected(60_000)
      await board.page.goto(`/b/${f.boardId}?token=${encodeURIComponent(f.facilitatorToken)}`)
      await expect(board.canvas).toBeVisible({ timeout: 60_000 })
      await board.waitForConnected(60_000)
      const cursors = '.tl-cursor, .tl-nametag, .tl-collaborators__item'
      for (let i = 0; i < 6; i++) await adaBoard.moveMouse({ x: 300 + i * 60, y: 300 + i * 20 })
      await expect(board.page.locator(cursors).first()).toBeAttached({ timeout: 15_000 })
      for (let i = 0; i < 6; i++) await adaBoard.moveMouse({ x: 600 - i * 60, y: 400 - i * 20 })
      await expect(screen.locator(cursors)).toHaveCount(0)
      await shoot(screen, 'projector-board.png')

      // Countdown, chosen in the facilitation panel, with a timer started there.
      await board.page.getByTestId('panel-tab-facilitation').click()
      const panel = board.page.getByTestId('facilitation-panel')
      await panel.getByRole('button', { name: /^5 min\.?$/i }).click()
      await panel.getByTestId('projector-mode-countdown').click()
      await expect(panel.getByTestId('projector-mode-countdown')).toHaveAttribute('aria-pressed', 'true')
      const digits = screen.getByTestId('projector-countdown-digits')
      await expect(digits).toHaveText(/^[45]:\d\d$/)
      expect(await fontPx(digits)).toBeGreaterThanOrEqual(0.3 * 1080)
      const digitBox = (await digits.boundingBox())!
      expect(digitBox.height).toBeGreaterThanOrEqual(0.3 * 1080)
      expect(digitBox.x + digitBox.width).toBeLessThanOrEqual(1920)
      const calmColour = await digits.evaluate((el) => getComputedStyle(el).color)
      await shoot(screen, 'projector-countdown.png')
      // The last ten seconds in another colour, then the end cue.
      await callApi(
        facilitationRoutes.boardTimer,
        { params: { boardId: f.boardId }, body: { action: 'start', seconds: 12 }, token: f.facilitatorToken },
        { baseUrl: server.url },
      )
      await expect(screen.getByTestId('projector-countdown')).toHaveAttribute('data-urgent', 'true', {
        timeout: 15_000,
      })
      await expect.poll(() => digits.evaluate((el) => getComputedStyle(el).color)).not.toBe(calmColour)
      await expect(screen.getByTestId('projector-countdown')).toHaveAttribute('data-state', 'ended', {
        timeout: 20_000,
      })
      await expect(screen.getByTestId('projector-flash')).toBeAttached()
      await expect(screen.getByTestId('projector-countdown-state')).toHaveText('Zeit ist um')
      await expect(digits).toHaveText('0:00')

      // Join: QR code and code of at least 40 % of the height, with the table's name.
      await panel.getByTestId('projector-mode-join').click()
      const qr = screen.getByTestId('projector-join-screen').locator('svg[data-qr-text]')
      await expect(qr).toHaveAttribute('data-qr-text', `${server.url}/join/${f.joinCode}?board=${f.boardId}`)
      expect((await qr.boundingBox())!.height).toBeGreaterThanOrEqual(0.4 * 1080)
      const code = screen.getByTestId('projector-join-screen-code')
      await expect(code).toHaveText(`${f.joinCode.slice(0, 3)} ${f.joinCode.slice(3)}`)
      expect(await fontPx(code)).toBeGreaterThanOrEqual(0.1 * 1080)
      // The whole code on the screen, not running off its right edge.
      expect(await code.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true)
      const codeBox = (await code.boundingBox())!
      expect(codeBox.x + codeBox.width).toBeLessThanOrEqual(1920)
      await expect(screen.getByTestId('projector-join-table')).toHaveText('Thementisch Mobilität')
      expect(await fontPx(screen.getByTestId('projector-join-table'))).toBeGreaterThanOrEqual(40)
      await shoot(screen, 'projector-join.png')

      // Keys on the projector machine: B back to the board, J to the join screen.
      await screen.keyboard.press('b')
      await expect(screen.getByTestId('projector-view')).toHaveAttribute('data-mode', 'board')
      await expect(screen.getByTestId('idea-card').first()).toBeVisible()
      await screen.keyboard.press('j')
      await expect(screen.getByTestId('projector-join-screen')).toBeVisible()

      // A round with votes: revealing it puts the ranking on the big screen, entries ≥ 40 px.
      const roundId = await openRound(server.url, f.boardId, f.facilitatorToken, { dotsPerParticipant: 3 })
      for (const [name, picks] of [
        ['Bo', [0, 0, 1]],
        ['Cem', [0, 2, 1]],
        ['Dana', [3, 2]],
      ] as const) {
        const voter = await joinWorkshop(server.url, f, name)
        for (const pick of picks) await giveDot(server.url, roundId, voter.token, ideaIds[pick]!)
      }
      await revealRound(server.url, roundId, f.facilitatorToken)
      const rows = screen.getByTestId('projector-result-row')
      await expect(rows).toHaveCount(4)
      await expect(rows.nth(0)).toContainText(ideas[0]!)
      // Idea 0 has 3 dots, ideas 1 and 2 have 2 each (a tie), idea 3 has 1.
      await expect(rows.nth(1)).toHaveAttribute('data-tied', 'true')
      await expect(rows.nth(2)).toHaveAttribute('data-tied', 'true')
      await expect(rows.nth(1)).toContainText('gleichauf')
      for (const text of await screen.getByTestId('projector-result-text').all()) {
        expect(await fontPx(text)).toBeGreaterThanOrEqual(40)
      }
      expect(await clippedRows(screen)).toEqual([])
      await expect(panel.getByTestId('projector-mode-results')).toHaveAttribute('aria-pressed', 'true')
      await shoot(screen, 'projector-results.png')

      // Place by place from the last, from the panel; "all" on the projector's keyboard.
      await panel.getByTestId('projector-step-start').click()
      await expect(rows.and(screen.locator('[data-hidden="false"]'))).toHaveCount(0)
      await panel.getByTestId('projector-step-next').click()
      await expect(rows.and(screen.locator('[data-hidden="false"]'))).toHaveCount(1)
      await expect(rows.nth(3)).toHaveAttribute('data-hidden', 'false')
      await panel.getByTestId('projector-step-next').click()
      // The tie comes as one step.
      await expect(rows.and(screen.locator('[data-hidden="false"]'))).toHaveCount(3)
      await expect(rows.nth(0)).toHaveAttribute('data-hidden', 'true')
      await screen.keyboard.press('a')
      await expect(rows.and(screen.locator('[data-hidden="false"]'))).toHaveCount(4)

      const results = await new AxeBuilder({ page: screen }).analyze()
      const blocking = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
      expect(blocking.map((v) => ({ id: v.id, targets: v.nodes.map((n) => n.target.join(' ')) }))).toEqual([])
      await adaContext.close()
      await projector.context.close()
    },
  )

  test(
    'ten ideas of 200 characters: the whole ranking shows, nothing cut; a full board shows its ideas as big cards',
    { tag: '@desktop' },
    async ({ browser, server }) => {
      test.setTimeout(240_000)
      const f = await forum(server.url)
      const long = (i: number) =>
        `Idee ${i + 1}: ${'Wir wünschen uns sichere, breite und durchgehende Radwege vom Bahnhof bis zur Gesamtschule, mit Beleuchtung, Winterdienst und Abstellanlagen an jeder Haltestelle im ganzen Quartier '.repeat(2)}`.slice(
          0,
          200,
        )
      const ideaIds: string[] = []
      for (let i = 0; i < 10; i++) ideaIds.push(await postIdea(server.url, f.boardId, f.facilitatorToken, long(i)))
      const roundId = await openRound(server.url, f.boardId, f.facilitatorToken, {
        dotsPerParticipant: 10,
        maxPerIdea: 10,
      })
      // Idea i gets 10 - i dots (ten different places), from six people with ten dots each.
      const dots = ideaIds.flatMap((id, i) => Array.from({ length: 10 - i }, () => id))
      for (let person = 0; person * 10 < dots.length; person++) {
        const voter = await joinWorkshop(server.url, f, `Person ${person + 1}`)
        for (const ideaId of dots.slice(person * 10, person * 10 + 10))
          await giveDot(server.url, roundId, voter.token, ideaId)
      }
      await revealRound(server.url, roundId, f.facilitatorToken)
      const projector = await openProjector(browser, server.url, f)
      await projector.open()
      const screen = projector.page
      const results = screen.getByTestId('projector-results')
      await expect(results).toHaveAttribute('data-ready', 'true', { timeout: 30_000 })
      // Ten ideas of 200 characters do not fit at 28 px: pages at 40 px, each shown in turn. Every
      // page is looked at as it comes: each idea whole, nothing cut.
      const seen = new Set<string>()
      const problems: string[] = []
      await expect
        .poll(
          async () => {
            // Counted only once measured with the web fonts in place (a re-fit may follow them).
            if ((await results.getAttribute('data-ready')) !== 'true') return seen.size
            const multiPage = Number(await results.getAttribute('data-pages')) > 1
            // One look at the whole page at once: pages turn by themselves.
            const shown = await screen.getByTestId('projector-result-text').evaluateAll((els) =>
              els.map((el) => ({
                size: parseFloat(getComputedStyle(el).fontSize),
                text: (el as HTMLElement).innerText,
              })),
            )
            for (const { size, text } of shown) {
              if (size < (multiPage ? 40 : 28)) problems.push(`${size} px`)
              if (text.length < 195) problems.push(`shortened: ${text}`)
              seen.add(text.slice(0, 8))
            }
            problems.push(...(await clippedRows(screen)))
            return seen.size
          },
          { timeout: 60_000, intervals: [1000] },
        )
        .toBe(10)
      expect(problems).toEqual([])
      await shoot(screen, 'projector-results-long.png')

      // The board: ten cards of 200 characters and thirty more do not fit at 18 px text — big cards instead.
      for (let i = 0; i < 30; i++) await postIdea(server.url, f.boardId, f.facilitatorToken, `Kurze Idee ${i + 1}`)
      await screen.keyboard.press('b')
      const list = screen.getByTestId('projector-idea-list')
      await expect(list).toBeVisible({ timeout: 20_000 })
      await expect(list).toHaveAttribute('data-ready', 'true')
      // One look at the whole page at once: pages turn by themselves.
      const cards = await screen.getByTestId('projector-idea').evaluateAll((els) =>
        els.map((el) => ({
          size: parseFloat(getComputedStyle(el).fontSize),
          bottom: el.getBoundingClientRect().bottom,
        })),
      )
      expect(cards.length).toBeGreaterThan(0)
      for (const card of cards) {
        expect(card.size).toBeGreaterThanOrEqual(18)
        expect(card.bottom).toBeLessThanOrEqual(1080)
      }
      await shoot(screen, 'projector-board-ideas.png')
      await projector.context.close()
    },
  )

  test(
    'the first paint shows title, question and join code without waiting for the board',
    { tag: '@desktop' },
    async ({ browser, server }) => {
      const f = await forum(server.url)
      const projector = await openProjector(browser, server.url, f, { waitForView: false })
      // The board's WebSocket never answers (a venue network that holds it back): the canvas cannot load.
      await projector.page.routeWebSocket(/\/ws/, () => {})
      await projector.open()
      const screen = projector.page
      await expect(screen.getByTestId('projector-title')).toHaveText('Tisch 1 · Thementisch Mobilität', {
        timeout: 30_000,
      })
      await expect(screen.getByTestId('projector-question')).toContainText('Wie kommen wir 2030')
      await expect(screen.getByTestId('projector-join-code')).toHaveText(
        `${f.joinCode.slice(0, 3)} ${f.joinCode.slice(3)}`,
      )
      await expect(screen.getByTestId('canvas')).toHaveCount(0)
      await projector.context.close()
    },
  )
})
