import { fileURLToPath } from 'node:url'
import type { Browser, BrowserContextOptions } from '@playwright/test'
import { createCluster, postIdea } from '../fixtures/api.ts'
import { expect, test } from '../fixtures/test.ts'
import { BoardPage } from '../pages/BoardPage.ts'

/**
 * Every board opens with an overview, "Show everything" brings it back, and each role sees the
 * tools it needs. Set-up goes through the HTTP API; everything a person does is pointer, touch
 * or keys. Screenshots of the final states go to docs/screenshots/ for people to look at.
 */

test.describe.configure({ timeout: 120_000 })

const screenshots = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url))

/** A board with some content: two clusters with cards and loose cards in the collecting area. */
async function fillBoard(baseUrl: string, boardId: string, token: string) {
  const mobility = await createCluster(baseUrl, boardId, token, 'Mobility')
  const housing = await createCluster(baseUrl, boardId, token, 'Housing')
  for (const text of ['Bike lanes on Main Street', 'Night buses', 'Car-free Sundays'])
    await postIdea(baseUrl, boardId, token, text, mobility)
  for (const text of ['Affordable flats', 'Co-housing for seniors'])
    await postIdea(baseUrl, boardId, token, text, housing)
  for (const text of ['Shade on the market square', 'A library café', 'More benches', 'Free Wi-Fi in the park'])
    await postIdea(baseUrl, boardId, token, text)
}

/** Cards whose bounds lie outside what the camera shows (all of them must be in view). */
async function cardsOutOfView(board: BoardPage): Promise<string[]> {
  return board.page.evaluate(() => {
    const editor = window.__pinnwand!.editor
    const view = editor.getViewportPageBounds()
    return editor
      .getCurrentPageShapes()
      .filter((shape) => shape.type === 'idea-card' || shape.type === 'cluster')
      .filter((shape) => {
        const b = editor.getShapePageBounds(shape.id)!
        return b.minX < view.minX || b.minY < view.minY || b.maxX > view.maxX || b.maxY > view.maxY
      })
      .map((shape) => String(shape.props.text ?? shape.props.title))
  })
}

/** The zoom below which a board opened on an upright screen starts readable instead (client fitCamera.ts). */
const READABLE_ZOOM = 0.6

/**
 * What a person sees first: on a wide screen every card; on an upright tablet every card when that
 * is readable, else a readable zoom with the first card of the collecting area in view.
 */
async function expectOpeningOverview(board: BoardPage, device: 'tablet' | 'desktop') {
  if (device === 'desktop') return expect.poll(() => cardsOutOfView(board)).toEqual([])
  await expect
    .poll(async () => {
      const zoom = await board.page.evaluate(() => window.__pinnwand!.editor.getZoomLevel())
      return (await cardsOutOfView(board)).length === 0 || zoom >= READABLE_ZOOM
    })
    .toBe(true)
  await expect(board.cards.filter({ hasText: 'Shade on the market square' })).toBeInViewport()
}

const phone = (options: BrowserContextOptions): BrowserContextOptions => ({
  ...options,
  viewport: { width: 390, height: 844 },
  hasTouch: true,
  isMobile: true,
  deviceScaleFactor: 2,
})

async function openPhone(browser: Browser, options: BrowserContextOptions, boardId: string, token: string) {
  const context = await browser.newContext(phone(options))
  const board = new BoardPage(await context.newPage(), { touch: true })
  await board.open(boardId, token)
  await board.waitForConnected()
  return { context, board }
}

test.describe('the overview', () => {
  test('a late joiner sees every card at once (readable on an upright tablet); after panning away, "Show everything" brings them back', async ({
    server,
    workshop,
    newUser,
  }, testInfo) => {
    await fillBoard(server.url, workshop.boardId, workshop.facilitatorToken)
    const late = await newUser('Lena')
    const { board } = late
    await board.open(workshop.boardId, late.participant.token)
    await board.waitForConnected()
    await expect(board.cards).toHaveCount(9)
    const device = testInfo.project.name.startsWith('tablet') ? 'tablet' : 'desktop'
    await expectOpeningOverview(board, device)
    await board.page.screenshot({ path: `${screenshots}board-overview-${device}.png` })

    // Pan far away with the hand tool, as a person would.
    const hand = board.page.getByTestId('tools.hand')
    await (board.touch ? hand.tap() : hand.click())
    const canvas = (await board.canvas.boundingBox())!
    for (let i = 0; i < 3; i++) {
      await board.dragAt(
        { x: canvas.x + canvas.width * 0.8, y: canvas.y + canvas.height * 0.5 },
        { x: canvas.x + canvas.width * 0.2, y: canvas.y + canvas.height * 0.4 },
      )
    }
    await expect.poll(async () => (await cardsOutOfView(board)).length).toBeGreaterThan(0)

    const showEverything = board.page.getByTestId('show-everything')
    await expect(showEverything).toHaveText(/Show everything/)
    const size = (await showEverything.boundingBox())!
    expect(size.width).toBeGreaterThanOrEqual(44)
    expect(size.height).toBeGreaterThanOrEqual(44)
    await (board.touch ? showEverything.tap() : showEverything.click())
    await expect.poll(() => cardsOutOfView(board)).toEqual([])
    // In German it is "Alles zeigen".
    const german = board.page.locator('button[lang="de"]').first()
    await (board.touch ? german.tap() : german.click())
    await expect(showEverything).toHaveText('Alles zeigen')

    // A reload opens with the overview again.
    await board.page.reload()
    await board.waitForMounted()
    await board.waitForConnected()
    await expectOpeningOverview(board, device)
  })

  test(
    'on a phone the board opens fitted too, and "Show everything" is reachable',
    { tag: '@desktop' },
    async ({ server, workshop, browser, projectContextOptions }) => {
      await fillBoard(server.url, workshop.boardId, workshop.facilitatorToken)
      const { context, board } = await openPhone(
        browser,
        projectContextOptions,
        workshop.boardId,
        workshop.facilitatorToken,
      )
      // The phone opens on the idea list; the board is one tap away.
      const ideasTab = board.page.getByTestId('panel-tab-ideas')
      if (await board.page.getByTestId('panel-ideas').isVisible()) await ideasTab.tap()
      await expect(board.page.getByTestId('panel-ideas')).toHaveCount(0)
      const showEverything = board.page.getByTestId('show-everything')
      await showEverything.tap()
      await expect.poll(() => cardsOutOfView(board)).toEqual([])
      await board.page.waitForTimeout(400)
      await board.page.screenshot({ path: `${screenshots}board-overview-phone.png` })
      await context.close()
    },
  )
})

test.describe('tools by role', () => {
  test('a participant gets the tools she needs and no pages menu, media or embeds; the facilitator keeps the full set', async ({
    workshop,
    board,
    newUser,
  }, testInfo) => {
    const tina = await newUser('Tina')
    await tina.board.open(workshop.boardId, tina.participant.token)
    await tina.board.waitForConnected()
    const page = tina.board.page
    for (const tool of ['idea-card', 'select', 'hand', 'draw', 'arrow', 'text', 'eraser']) {
      await expect(page.getByTestId(`tools.${tool}`), `participant tool ${tool}`).toBeVisible()
    }
    for (const tool of ['asset', 'rectangle', 'frame', 'note', 'pw-cluster', 'laser']) {
      await expect(page.getByTestId(`tools.${tool}`), `no ${tool} for participants`).toHaveCount(0)
    }
    await expect(page.getByTestId('tools.more-button')).toHaveCount(0)
    await expect(page.getByTestId('page-menu.button')).toHaveCount(0)
    const menu = page.getByTestId('main-menu.button')
    await (tina.board.touch ? menu.tap() : menu.click())
    await expect(page.getByTestId('main-menu.insert-embed')).toHaveCount(0)
    await expect(page.getByTestId('main-menu.insert-media')).toHaveCount(0)
    await page.keyboard.press('Escape')
    if (testInfo.project.name.startsWith('tablet'))
      await page.screenshot({ path: `${screenshots}participant-tools-tablet.png` })

    await board.open(workshop.boardId, workshop.facilitatorToken)
    await board.waitForConnected()
    for (const tool of ['idea-card', 'pw-cluster', 'select', 'draw'])
      await expect(board.page.getByTestId(`tools.${tool}`)).toBeVisible()
    await expect(board.page.getByTestId('page-menu.button')).toBeVisible()
  })

  test(
    'on a phone a participant sees the same short toolbar',
    { tag: '@desktop' },
    async ({ server, workshop, browser, projectContextOptions, newUser }) => {
      await fillBoard(server.url, workshop.boardId, workshop.facilitatorToken)
      const pia = await newUser('Pia')
      await pia.context.close()
      const { context, board } = await openPhone(
        browser,
        projectContextOptions,
        workshop.boardId,
        pia.participant.token,
      )
      if (await board.page.getByTestId('panel-ideas').isVisible()) await board.page.getByTestId('panel-tab-ideas').tap()
      for (const tool of ['idea-card', 'select', 'hand', 'draw', 'arrow', 'text', 'eraser']) {
        await expect(board.page.getByTestId(`tools.${tool}`)).toBeVisible()
      }
      await expect(board.page.getByTestId('page-menu.button')).toHaveCount(0)
      // "Ich bin fertig" floats above "Show everything", the lock notice's place and the toolbar.
      const done = (await board.page.getByTestId('done-button').boundingBox())!
      for (const other of [board.page.getByTestId('show-everything'), board.page.getByTestId('tools.select')]) {
        const box = (await other.boundingBox())!
        expect(done.y + done.height, 'above').toBeLessThanOrEqual(box.y)
      }
      // The lock notice (shown during a round, when the button is too) sits 112 px from the bottom, ~40 px high.
      expect(done.y + done.height).toBeLessThanOrEqual(844 - 112 - 40)
      await board.page.screenshot({ path: `${screenshots}participant-tools-phone.png` })
      await context.close()
    },
  )
})
