import AxeBuilder from '@axe-core/playwright'
import { type Browser, type BrowserContext, devices, type Page } from '@playwright/test'
import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import { BoardPage } from '../pages/BoardPage.ts'
import { joinWorkshop, postIdea, type Workshop } from '../fixtures/api.ts'
import { expect, test } from '../fixtures/test.ts'
import { callApi } from '@pinnwand/shared/contract/callApi'
import * as routes from '@pinnwand/shared/votingRoutes'
import { createWorkshop } from '@pinnwand/shared/workshopRoutes'

interface Event extends Workshop {
  plenaryId: string
}

/** A workshop with one theme table and a plenary board, in English. */
async function eventWithPlenary(baseUrl: string): Promise<Event> {
  const res = await callApi(
    createWorkshop,
    {
      body: {
        title: 'Regional forum',
        language: 'en',
        boards: [{ title: 'Table 1: Mobility' }, { title: 'Plenary', template: 'plenum' }],
      },
    },
    { baseUrl },
  )
  return {
    id: res.workshop.id,
    joinCode: res.workshop.joinCode,
    facilitatorToken: res.facilitatorToken,
    boardId: res.boards[0]!.id,
    boards: res.boards,
    plenaryId: res.boards[1]!.id,
  }
}

/** A participant on their own device (own context: own storage, own touch screen). */
async function participantOn(
  browser: Browser,
  baseURL: string,
  event: Event,
  name: string,
  device: 'phone' | 'tablet',
): Promise<{ context: BrowserContext; board: BoardPage }> {
  const participant = await joinWorkshop(baseURL, event, name)
  const options =
    device === 'phone'
      ? { ...devices['Pixel 7'], viewport: { width: 412, height: 839 } }
      : { ...devices['Galaxy Tab S4'], viewport: { width: 820, height: 1180 }, deviceScaleFactor: 1 }
  const context = await browser.newContext({ ...options, baseURL, locale: 'en-US', hasTouch: true, isMobile: true })
  const board = new BoardPage(await context.newPage(), { touch: true })
  await board.open(event.boardId, participant.token)
  await board.waitForConnected()
  return { context, board }
}

const remaining = (page: Page) => page.getByTestId('vote-remaining')

/**
 * Frames the cards as a person does: "Show everything" (a click, or a tap on touch). The camera
 * glides there; the next step waits until it has arrived.
 */
async function frameContent(board: BoardPage): Promise<void> {
  const button = board.page.getByTestId('show-everything')
  await (board.touch ? button.tap() : button.click())
  await board.page.waitForTimeout(400)
}

/** axe-core on the voting UI only (other features check their own parts). */
async function expectNoSeriousAxeViolations(page: Page, selectors: string[]): Promise<void> {
  let builder = new AxeBuilder({ page })
  for (const selector of selectors) builder = builder.include(selector)
  const result = await builder.analyze()
  const blocking = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  expect(blocking.map((v) => ({ id: v.id, targets: v.nodes.map((n) => n.target.join(' ')) }))).toEqual([])
}

/** Screenshots for the docs are written only when asked (SCREENSHOT_DIR), never in a normal run. */
async function keepScreenshot(page: Page, name: string): Promise<void> {
  const dir = process.env.SCREENSHOT_DIR
  if (!dir) return
  await mkdir(dir, { recursive: true })
  const file = path.join(dir, name)
  await page.screenshot({ path: file, type: 'png' })
}

test.describe('dot voting end to end', () => {
  test(
    'facilitator opens a round, phone and tablet place dots, reveal, ranking, top 3 to the plenary',
    {
      tag: '@desktop',
    },
    async ({ browser, server, board, networkLog }) => {
      test.setTimeout(120_000)
      const event = await eventWithPlenary(server.url)
      const ideas = [
        'Bike lanes on Main Street',
        'Night bus to the villages',
        'Car sharing at the station',
        'More benches',
      ]
      for (const text of ideas) await postIdea(server.url, event.boardId, event.facilitatorToken, text)

      // The facilitator opens a named round on the first three cards (selected on the board) with
      // 3 dots, at most 2 per idea, 10 minutes.
      await board.open(event.boardId, event.facilitatorToken)
      await board.waitForConnected()
      await frameContent(board)
      // Click the first card, shift-click the next two.
      for (const [i, text] of ideas.slice(0, 3).entries()) {
        await board.card(text).click({ modifiers: i === 0 ? [] : ['Shift'] })
      }
      await expect.poll(async () => (await board.selectedIds()).length).toBe(3)
      await board.page.getByTestId('panel-tab-voting').click()
      const panel = board.page.getByTestId('panel-voting')
      await panel.getByTestId('round-scope-selected').check()
      await expect(panel.getByText('the selected cards (3)')).toBeVisible()
      await panel.getByTestId('round-dots').fill('3')
      await panel.getByTestId('round-cap').fill('2')
      await panel.getByTestId('round-minutes').fill('10')
      await panel.getByTestId('round-anonymous').uncheck()
      await panel.getByTestId('round-open').click()
      await expect(panel.getByTestId('round-status')).toHaveAttribute('data-status', 'open')

      // Two participants: a phone (votes from the list) and a tablet (votes on the cards).
      const phone = await participantOn(browser, server.url, event, 'Pia', 'phone')
      const tablet = await participantOn(browser, server.url, event, 'Tom', 'tablet')
      networkLog.watch(phone.context)
      networkLog.watch(tablet.context)

      // Phone: the vote list opens by itself; the budget stays in view.
      const list = phone.board.page.getByTestId('vote-list')
      await expect(list).toBeVisible()
      await expect(phone.board.page.getByTestId('vote-list-remaining')).toContainText('3 of 3 dots left')
      const phoneItem = (text: string) => list.getByTestId('vote-list-item').filter({ hasText: text })
      await phoneItem(ideas[0]!).getByTestId('vote-list-add').tap()
      await phoneItem(ideas[0]!).getByTestId('vote-list-add').tap()
      await phoneItem(ideas[1]!).getByTestId('vote-list-add').tap()
      await expect(phone.board.page.getByTestId('vote-list-remaining')).toContainText('Done ✓ – all 3 dots placed')
      await expect(phoneItem(ideas[0]!)).toHaveAttribute('data-mine', '2')
      // A fourth dot is refused, in words.
      // (aria-disabled, not disabled: the tap still explains itself)
      await phoneItem(ideas[2]!).getByTestId('vote-list-add').tap({ force: true })
      await expect(phone.board.page.getByTestId('vote-announcer')).toContainText('All your dots are placed')
      await keepScreenshot(phone.board.page, 'voting-phone-list.png')

      // Tablet: dots on the cards; cards show own dots only; the fourth card is not in the vote.
      await frameContent(tablet.board)
      const card = (text: string) => tablet.board.card(text)
      await expect(card(ideas[3]!).getByTestId('vote-ineligible')).toContainText('Not in this vote')
      await expect(card(ideas[3]!).getByTestId('vote-add')).toHaveCount(0)
      await expect(phone.board.page.getByTestId('vote-list-item')).toHaveCount(3)
      await expect(remaining(tablet.board.page)).toContainText('3 of 3 dots left')
      await card(ideas[2]!).getByTestId('vote-add').tap()
      await card(ideas[2]!).getByTestId('vote-add').tap()
      await expect(card(ideas[2]!).getByTestId('vote-bar')).toHaveAttribute('data-mine', '2')
      // The cap of 2 per idea: refused and explained (aria-disabled, so the tap still explains itself).
      await card(ideas[2]!).getByTestId('vote-add').tap({ force: true })
      await expect(tablet.board.page.getByTestId('vote-refusal')).toContainText('most dots one person may give it')
      await keepScreenshot(tablet.board.page, 'voting-participant.png')
      await expectNoSeriousAxeViolations(tablet.board.page, ['[data-testid="voting-bar"]', '[data-testid="vote-bar"]'])
      await expectNoSeriousAxeViolations(phone.board.page, ['[data-testid="panel-voting"]'])
      await card(ideas[0]!).getByTestId('vote-add').tap()
      // Take one back, place it elsewhere.
      await card(ideas[2]!).getByTestId('vote-remove').tap()
      await card(ideas[1]!).getByTestId('vote-add').tap()
      await expect(remaining(tablet.board.page)).toContainText('Done ✓ – all 3 dots placed')
      await expect(card(ideas[0]!).getByTestId('vote-bar')).toHaveAttribute('data-mine', '1')
      // Progress for everyone, never the distribution: the tablet sees nothing of Pia's dots.
      await expect(tablet.board.page.getByTestId('vote-progress')).toContainText('2 people voted · 6 dots placed')
      await expect(tablet.board.page.getByTestId('vote-result')).toHaveCount(0)
      await expect(board.page.getByTestId('round-status')).toContainText('2 people voted · 6 dots placed')

      // Reveal: A 3 (2+1), B 2 (1+1), C 1, D 0.
      await panel.getByTestId('round-reveal').click()
      await expect(panel.getByTestId('round-status')).toHaveAttribute('data-status', 'revealed')
      const rows = panel.getByTestId('current-results').getByTestId('ranking-row')
      await expect(rows).toHaveCount(3)
      const ranking = await rows.evaluateAll((els) =>
        els.map((el) => [
          el.querySelector('.pw-ranking__text')?.textContent?.trim(),
          el.getAttribute('data-votes'),
          el.getAttribute('data-rank'),
        ]),
      )
      expect(ranking).toEqual([
        [ideas[0], '3', '1'],
        [ideas[1], '2', '2'],
        [ideas[2], '1', '3'],
      ])
      // Everyone now sees the totals on the cards.
      await expect(card(ideas[0]!).getByTestId('vote-result')).toHaveAttribute('data-votes', '3')
      await expect(card(ideas[3]!).getByTestId('vote-result')).toHaveCount(0)

      // Top 3 to the shortlist; the plenary board shows them, labelled by table.
      await panel.getByTestId('promote-top-n').fill('3')
      await panel.getByTestId('promote-top').click()
      await expect(panel.getByTestId('shortlist-entry')).toHaveCount(3)
      await expect(phone.board.page.getByTestId('shortlist-entry')).toHaveCount(3)
      await expect(panel.getByTestId('ballots')).toContainText('Who voted for what (2 people)')
      await board.page.setViewportSize({ width: 1280, height: 1100 })
      await board.page.getByTestId('canvas').click({ position: { x: 1260, y: 540 } })
      await expect.poll(() => board.selectedIds()).toEqual([])
      await frameContent(board)
      await keepScreenshot(board.page, 'voting-facilitator.png')

      await expectNoSeriousAxeViolations(board.page, ['[data-testid="panel-voting"]', '[data-testid="vote-result"]'])

      const plenary = new BoardPage(await (await browser.newContext({ baseURL: server.url })).newPage(), {
        touch: false,
      })
      networkLog.watch(plenary.page.context())
      await plenary.open(event.plenaryId, event.facilitatorToken)
      await plenary.waitForConnected()
      for (const text of ideas.slice(0, 3)) await expect(plenary.card(text)).toHaveCount(1)
      await expect(plenary.card(ideas[3]!)).toHaveCount(0)
      await expect(plenary.page.getByText('Table 1: Mobility')).toBeVisible()

      await Promise.all([phone.context.close(), tablet.context.close(), plenary.page.context().close()])
    },
  )

  test(
    'voting with the keyboard alone: buttons named by idea and count, changes announced',
    {
      tag: '@desktop',
    },
    async ({ server, board, newUser, workshop }) => {
      await postIdea(server.url, workshop.boardId, workshop.facilitatorToken, 'Car-free Sundays')
      const token = workshop.facilitatorToken
      const api = { baseUrl: server.url }
      const { roundId } = await callApi(
        routes.openRound,
        { params: { boardId: workshop.boardId }, body: { dotsPerParticipant: 2 }, token },
        api,
      )
      const kim = await newUser('Kim')
      await kim.board.open(workshop.boardId, kim.participant.token)
      await kim.board.waitForConnected()
      const page = kim.board.page
      await page.getByTestId('panel-tab-voting').focus()
      await page.keyboard.press('Enter')
      const add = page.getByRole('button', { name: 'Give a dot: “Car-free Sundays” (your dots here: 0)' }).last()
      await add.focus()
      await page.keyboard.press('Enter')
      await expect(page.getByTestId('vote-announcer')).toContainText(
        'Dot given: “Car-free Sundays” now has 1 dot from you. Left: 1.',
      )
      await expect(
        page.getByRole('button', { name: 'Take a dot back: “Car-free Sundays” (your dots here: 1)' }).last(),
      ).toBeVisible()
      // The dot shows at once (optimistic); the server has it when its request is answered.
      await expect
        .poll(async () => (await callApi(routes.roundResults, { params: { roundId }, token }, api)).totalVotes)
        .toBe(1)
      void board
    },
  )
})
