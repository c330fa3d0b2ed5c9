import AxeBuilder from '@axe-core/playwright'
import { postIdea } from '../fixtures/api.ts'
import { expect, test } from '../fixtures/test.ts'

const BLOCKING = new Set(['serious', 'critical'])

test.describe('board history', () => {
  test('the facilitator saves a state, cards are deleted, the history panel restores them for everyone, and the restore can be undone', async ({
    workshop,
    board,
    page,
    newUser,
    server,
  }, testInfo) => {
    const texts = ['Shade trees on the square', 'Safe cycle lanes', 'A repair café']
    for (const text of texts) await postIdea(server.url, workshop.boardId, workshop.facilitatorToken, text)

    await board.open(workshop.boardId, workshop.facilitatorToken)
    await board.waitForConnected()
    const ada = await newUser('Ada')
    await ada.board.open(workshop.boardId, ada.participant.token)
    await ada.board.waitForConnected()
    await expect.poll(() => ada.board.cardTexts()).toEqual([...texts].sort())

    // Save the state under a name.
    await page.getByTestId('panel-tab-history').click()
    const panel = page.getByTestId('panel-history')
    await panel.getByTestId('history-save-name').fill('Before the break')
    await panel.getByTestId('history-save').click()
    const saved = panel.getByTestId('history-version').filter({ hasText: 'Before the break' })
    await expect(saved).toBeVisible()
    await expect(saved).toContainText('3 ideas')

    // Someone deletes every card: a click on an empty part of the board, select all, Delete.
    const canvas = (await page.getByTestId('canvas').boundingBox())!
    await page.mouse.click(canvas.x + canvas.width - 20, canvas.y + canvas.height / 2)
    await page.keyboard.press('ControlOrMeta+a')
    await page.keyboard.press('Delete')
    await expect.poll(() => ada.board.cardTexts()).toEqual([])

    // Preview first, then restore with the confirmation step.
    await saved.getByTestId('history-preview-toggle').click()
    const preview = saved.getByTestId('history-preview')
    await expect(preview).toBeVisible()
    await expect.poll(() => preview.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0)
    await page.screenshot({ path: testInfo.outputPath('history-panel.png') })
    const axe = await new AxeBuilder({ page }).include('[data-testid="panel-history"]').analyze()
    expect(axe.violations.filter((v) => BLOCKING.has(v.impact ?? '')).map((v) => v.id)).toEqual([])

    await saved.getByTestId('history-restore').click()
    await saved.getByTestId('history-confirm-restore').click()
    await expect(panel.getByTestId('history-restored')).toContainText('Before the break')

    // Ada, a participant in another browser, sees every card again, live.
    await expect.poll(() => ada.board.cardTexts()).toEqual([...texts].sort())
    await expect.poll(() => board.cardTexts()).toEqual([...texts].sort())
    // The board from just before the restore was kept as a version of its own…
    await expect(panel.getByTestId('history-version').filter({ hasText: 'Before restoring' })).toBeVisible()

    // …so the restore can be undone.
    await panel.getByTestId('history-undo-restore').click()
    await expect.poll(() => ada.board.cardTexts()).toEqual([])
  })

  test('the facilitator imports a pasted CSV list; the preview shows what will be created; a participant gets the cards', async ({
    workshop,
    board,
    page,
    newUser,
  }, testInfo) => {
    await board.open(workshop.boardId, workshop.facilitatorToken)
    await board.waitForConnected()
    const ada = await newUser('Ada')
    await ada.board.open(workshop.boardId, ada.participant.token)
    await ada.board.waitForConnected()
    await expect(ada.board.page.getByTestId('panel-tab-import')).toHaveCount(0)
    await expect(ada.board.page.getByTestId('panel-tab-history')).toHaveCount(0)

    await page.getByTestId('panel-tab-import').click()
    const panel = page.getByTestId('panel-import')
    await panel
      .getByTestId('import-text')
      .fill(
        'Idee;Themengruppe\n"Benches; shaded";Square\n<b>Water</b> fountains;Square\nNight buses;Mobility\n\nLibrary hours;',
      )
    await expect(panel.getByTestId('import-row')).toHaveCount(4)
    await expect(panel.getByTestId('import-summary')).toContainText('4 idea cards will be created')
    await expect(panel.getByTestId('import-summary')).toContainText('Square, Mobility')
    await page.screenshot({ path: testInfo.outputPath('import-panel.png') })
    const axe = await new AxeBuilder({ page }).include('[data-testid="panel-import"]').analyze()
    expect(axe.violations.filter((v) => BLOCKING.has(v.impact ?? '')).map((v) => v.id)).toEqual([])

    await panel.getByTestId('import-submit').click()
    await expect(panel.getByTestId('import-done')).toContainText('4 ideas imported')
    const expected = ['<b>Water</b> fountains', 'Benches; shaded', 'Library hours', 'Night buses'].sort()
    await expect.poll(() => ada.board.cardTexts()).toEqual(expected)
    // Markup stays text on the canvas.
    await expect(ada.board.card('<b>Water</b> fountains')).toBeVisible()
  })
})
