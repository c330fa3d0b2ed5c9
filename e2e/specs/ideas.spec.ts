import { mkdirSync } from 'node:fs'
import path from 'node:path'
import type { Page } from '@playwright/test'
import { createCluster, joinWorkshop, listIdeas, postIdea } from '../fixtures/api.ts'
import { deviceOf } from '../fixtures/participantDevice.ts'
import { expect, test } from '../fixtures/test.ts'
import { touchDrag } from '../fixtures/touch.ts'

const shots = process.env.PINNWAND_SCREENSHOTS === '1'
const shotDir = path.join(import.meta.dirname, '../../docs/screenshots')

/** Screen centre of a shape, from the editor (page → viewport → window coordinates). */
async function screenCenter(page: Page, id: string): Promise<{ x: number; y: number }> {
  return page.evaluate((shapeId) => {
    const editor = window.__pinnwand!.editor
    const bounds = editor.getShapePageBounds(shapeId)!
    const point = editor.pageToViewport({ x: bounds.midX, y: bounds.midY })
    const container = editor.getContainer().getBoundingClientRect()
    return { x: container.x + point.x, y: container.y + point.y }
  }, id)
}

async function parentOf(page: Page, id: string): Promise<string | undefined> {
  return page.evaluate((shapeId) => window.__pinnwand!.editor.getShape(shapeId)?.parentId, id)
}

async function addWithBigField(page: Page, text: string): Promise<void> {
  const field = page.getByTestId('add-idea-text').first()
  await field.fill(text)
  await field.press('Enter')
  await expect(field).toHaveValue('')
}

// Three browser contexts on the shared e2e machine can take over a minute.
test.describe.configure({ timeout: 120_000 })

test.describe('collecting and clustering', () => {
  test(
    'a tablet participant adds ideas with the big field and drags one into a cluster; the facilitator renames it; others see it live',
    { tag: '@tablet' },
    async ({ server, workshop, board, newUser }) => {
      const clusterId = await createCluster(server.url, workshop.boardId, workshop.facilitatorToken, 'Topic A')
      const tina = await newUser('Tina')
      const otto = await newUser('Otto')
      await tina.board.open(workshop.boardId, tina.participant.token)
      await tina.board.waitForConnected()
      await otto.board.open(workshop.boardId, otto.participant.token)
      await otto.board.waitForConnected()

      for (const text of ['Bike lanes', 'Night buses', 'Car-free Sundays']) await addWithBigField(tina.board.page, text)
      await expect(tina.board.cards).toHaveCount(3)

      // Drag "Night buses" into the cluster with one finger.
      const card = (await tina.board.storedCards()).find((c) => c.text === 'Night buses')!
      // Nothing selected: the new card goes to free space, not into the cluster.
      expect(await parentOf(tina.board.page, card.id)).not.toBe(clusterId)
      await touchDrag(
        tina.board.page,
        await screenCenter(tina.board.page, card.id),
        await screenCenter(tina.board.page, clusterId),
      )
      await expect.poll(() => parentOf(tina.board.page, card.id)).toBe(clusterId)

      // The facilitator renames the cluster in its toolbar.
      await board.open(workshop.boardId, workshop.facilitatorToken)
      await board.waitForConnected()
      // A tap on the cluster's title selects it and shows its toolbar.
      const clusterBox = await board.screenBox(clusterId)
      await board.tapAt({ x: clusterBox.x + 70, y: clusterBox.y + Math.min(24, clusterBox.h / 8) })
      const title = board.page.getByTestId('cluster-title')
      await title.fill('Public transport')
      await title.press('Enter')

      // Otto sees everything live in his idea list: three ideas, one in the renamed cluster.
      await otto.board.page.getByTestId('panel-tab-ideas').tap()
      const list = otto.board.page.getByTestId('idea-list')
      const group = list
        .locator('section')
        .filter({ has: otto.board.page.getByRole('heading', { name: /Public transport/ }) })
      await expect(group.getByTestId('idea-list-item')).toHaveText(['Night buses' + 'Tina'])
      await expect(list.getByTestId('idea-list-item')).toHaveCount(3)

      // And the server has it the same way.
      const stored = await listIdeas(server.url, workshop.boardId, workshop.facilitatorToken)
      expect(stored.clusters).toEqual([{ id: clusterId, title: 'Public transport' }])
      expect(stored.ideas.find((idea) => idea.text === 'Night buses')?.clusterId).toBe(clusterId)
      expect(stored.ideas.map((idea) => idea.author)).toEqual(['Tina', 'Tina', 'Tina'])
    },
  )

  test('the idea list finds ideas, jumps to them and announces new ideas from others', async ({
    workshop,
    board,
    newUser,
  }) => {
    const ada = await newUser('Ada')
    await board.open(workshop.boardId, workshop.facilitatorToken)
    await board.waitForConnected()
    await ada.board.open(workshop.boardId, ada.participant.token)
    await ada.board.waitForConnected()

    await addWithBigField(board.page, 'Café in the town hall')
    await addWithBigField(board.page, 'Longer library hours')
    // Ada hears the facilitator's ideas in her live region.
    await expect(ada.board.page.getByTestId('board-announcer')).toContainText('Longer library hours')

    await ada.board.page.getByTestId('panel-tab-ideas').click()
    await ada.board.page.getByTestId('idea-search').fill('cafe')
    const items = ada.board.page.getByTestId('idea-list-item')
    await expect(items).toHaveCount(1)
    await items.first().click()
    // The card is selected and in view.
    const selected = await ada.board.page.evaluate(() =>
      window.__pinnwand!.editor.getSelectedShapes().map((s) => (s.props as { text?: string }).text),
    )
    expect(selected).toEqual(['Café in the town hall'])
    await expect(ada.board.card('Café in the town hall')).toBeInViewport()
  })

  test('the facilitator tidies a cluster: its cards end up in a grid without overlaps', async ({
    server,
    workshop,
    board,
  }) => {
    const clusterId = await createCluster(server.url, workshop.boardId, workshop.facilitatorToken, 'Mess')
    await board.open(workshop.boardId, workshop.facilitatorToken)
    await board.waitForConnected()
    // Five ideas posted into the cluster (set-up through the API), then the facilitator clicks
    // the cluster's title and presses "Tidy".
    for (let i = 0; i < 5; i++)
      await postIdea(server.url, workshop.boardId, workshop.facilitatorToken, `Card ${i}`, clusterId)
    await expect(board.cards).toHaveCount(5)
    await board.page.getByTestId('show-everything').click()
    await board.page.waitForTimeout(400)
    const clusterBox = await board.screenBox(clusterId)
    await board.tapAt({ x: clusterBox.x + 70, y: clusterBox.y + Math.min(24, clusterBox.h / 8) })
    await board.page.getByTestId('cluster-tidy').click()
    await expect
      .poll(async () =>
        board.page.evaluate((parentId) => {
          const editor = window.__pinnwand!.editor
          const boxes = editor.getSortedChildIdsForParent(parentId).map((id) => editor.getShapePageBounds(id)!)
          return boxes.some((a, i) => boxes.some((b, j) => i !== j && a.collides(b)))
        }, clusterId),
      )
      .toBe(false)
  })

  test(
    'the first idea on an empty board appears in view on a laptop, a tablet and a phone, clear of the controls',
    { tag: '@desktop' },
    async ({ browser, server, workshop, newUser }) => {
      // Ada looks at the empty board on three devices; Bo writes the first idea. Only the
      // writer's own camera follows a new card, so Ada's screens show it where the board opened.
      const ada = await joinWorkshop(server.url, workshop, 'Ada')
      const screens = await Promise.all(
        (['laptop', 'tablet', 'phone'] as const).map(async (device) => ({
          device,
          board: (await deviceOf(browser, server.url, workshop, ada, device)).board,
        })),
      )
      const bo = await newUser('Bo')
      await bo.board.open(workshop.boardId, bo.participant.token)
      await bo.board.waitForConnected()
      await addWithBigField(bo.board.page, 'Erste Idee')
      const [card] = await bo.board.storedCards()
      for (const { device, board } of screens) {
        const viewport = board.page.viewportSize()!
        if (device === 'phone') {
          // A phone opens on the idea list, over the canvas: the idea shows there.
          await expect(board.page.getByTestId('idea-list-item').filter({ hasText: 'Erste Idee' })).toBeVisible()
          if (shots) await board.page.screenshot({ path: path.join(shotDir, 'first-idea-empty-board-390.png') })
          continue
        }
        await expect.poll(() => board.page.locator(`[data-shape-id="${card!.id}"]`).count()).toBe(1)
        const box = await board.screenBox(card!.id)
        expect(box.x, device).toBeGreaterThanOrEqual(0)
        expect(box.y, device).toBeGreaterThanOrEqual(0)
        expect(box.x + box.w, device).toBeLessThanOrEqual(viewport.width)
        expect(box.y + box.h, device).toBeLessThanOrEqual(viewport.height)
        // Nothing of the board's own chrome lies over the card.
        for (const selector of ['.pw-side-panel__tabs', '.tlui-menu-zone', '.pw-status-panel', '.pw-add-idea--dock']) {
          const control = await board.page.locator(selector).first().boundingBox()
          if (!control) continue
          const overlaps =
            control.x < box.x + box.w &&
            box.x < control.x + control.width &&
            control.y < box.y + box.h &&
            box.y < control.y + control.height
          expect(overlaps, `${selector} lies over the first card on the ${device}`).toBe(false)
        }
        if (shots) {
          mkdirSync(shotDir, { recursive: true })
          const file = `first-idea-empty-board-${viewport.width}.png`
          await board.page.screenshot({ path: path.join(shotDir, file), animations: 'disabled' })
        }
      }
    },
  )

  test('undo takes back only my own change and keeps what the facilitator did after it', async ({
    workshop,
    board,
    newUser,
  }) => {
    const ada = await newUser('Ada')
    await ada.board.open(workshop.boardId, ada.participant.token)
    await ada.board.waitForConnected()
    await board.open(workshop.boardId, workshop.facilitatorToken)
    await board.waitForConnected()

    await addWithBigField(ada.board.page, 'Original idea')
    const [card] = await ada.board.storedCards()
    const start = await ada.board.page.evaluate((id) => window.__pinnwand!.editor.getShape(id)!.x, card!.id)
    // Ada drags her card to the right …
    const from = await ada.board.screenBox(card!.id)
    const grab = { x: from.x + from.w / 2, y: from.y + from.h / 2 }
    await ada.board.dragAt(grab, { x: grab.x + 150, y: grab.y })
    await expect
      .poll(() => ada.board.page.evaluate((id) => window.__pinnwand!.editor.getShape(id)!.x, card!.id))
      .toBeGreaterThan(start + 50)
    const moved = await ada.board.page.evaluate((id) => window.__pinnwand!.editor.getShape(id)!.x, card!.id)
    // … then the facilitator corrects its text: double-click the card, select its text, type.
    await expect
      .poll(() => board.page.evaluate((id) => window.__pinnwand!.editor.getShape(id)?.x, card!.id))
      .toBe(moved)
    const showEverything = board.page.getByTestId('show-everything')
    await (board.touch ? showEverything.tap() : showEverything.click())
    await board.page.waitForTimeout(400)
    const onFacilitatorScreen = await board.screenBox(card!.id)
    await board.doubleTapAt({
      x: onFacilitatorScreen.x + onFacilitatorScreen.w / 2,
      y: onFacilitatorScreen.y + onFacilitatorScreen.h / 3,
    })
    const editor = board.cards.locator('textarea')
    await expect(editor).toBeFocused()
    await board.page.keyboard.press('ControlOrMeta+a')
    await board.page.keyboard.type('Idea, corrected by facilitation')
    await board.page.keyboard.press('Escape')
    await expect(ada.board.card('Idea, corrected by facilitation')).toBeVisible()

    // Ada presses "Undo" until the app tells her something was kept (tldraw also steps back
    // through selection changes): the move goes back; her card is not deleted, because someone
    // worked on it since.
    const undo = ada.board.page.getByTestId('quick-actions.undo')
    const notice = ada.board.page.getByTestId('undo-notice')
    for (let i = 0; i < 4 && !(await notice.isVisible()); i++) {
      await (ada.board.touch ? undo.tap() : undo.click())
      await ada.board.page.waitForTimeout(200)
    }
    await expect(ada.board.page.getByTestId('undo-notice')).toBeVisible()
    const after = await ada.board.page.evaluate((id) => {
      const shape = window.__pinnwand!.editor.getShape(id)
      return shape ? { x: shape.x, text: (shape.props as { text: string }).text } : null
    }, card!.id)
    expect(after).toEqual({ x: start, text: 'Idea, corrected by facilitation' })
    // The facilitator sees the same.
    await expect
      .poll(() => board.page.evaluate((id) => window.__pinnwand!.editor.getShape(id)?.x, card!.id))
      .toBe(start)
    await expect(board.card('Idea, corrected by facilitation')).toBeVisible()
  })
})
