import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { expect, test } from '../fixtures/test.ts'

const screenshots = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url))

test.describe('export settings (issue 19)', () => {
  test('the organiser sets place, recorder and names at export time; the report prints them and the settings stay', async ({
    workshop,
    board,
    page,
  }, testInfo) => {
    await board.open(workshop.boardId, workshop.facilitatorToken)
    await board.waitForConnected()
    const field = page.getByTestId('add-idea-text')
    await field.fill('Night bus every 30 minutes')
    await field.press('Enter')
    await expect(board.card('Night bus every 30 minutes')).toBeVisible()

    const tab = page.getByTestId('panel-tab-export')
    if (testInfo.project.name.startsWith('tablet')) await tab.tap()
    else await tab.click()
    const settings = page.getByTestId('export-settings')
    await settings.locator('summary').click()
    // Names are off until the organiser chooses them.
    await expect(page.getByTestId('export-show-authors')).not.toBeChecked()
    await page.getByTestId('export-show-authors').check()
    await page.getByTestId('export-place').fill('Town hall, room 2')
    await page.getByTestId('export-recorder').fill('Jana Writer')
    await page.getByTestId('export-picture').selectOption('none')
    // The time zone starts as this browser's.
    await expect(page.getByTestId('export-time-zone')).toHaveValue('Europe/Berlin')
    await page.getByTestId('export-place').focus()
    await page.screenshot({ path: `${screenshots}export-settings-${testInfo.project.name.split('-')[0]}.png` })

    const [md] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-md').click()])
    const text = await readFile(await md.path(), 'utf8')
    expect(text).toContain('| Place | Town hall, room 2 |')
    expect(text).toContain('| Minutes taken by | Jana Writer |')
    expect(text).toMatch(/\| Generated \| .* (CET|CEST|GMT\+1|GMT\+2) \|/)

    await page.reload()
    await board.waitForConnected()
    if (testInfo.project.name.startsWith('tablet')) await page.getByTestId('panel-tab-export').tap()
    else await page.getByTestId('panel-tab-export').click()
    await page.getByTestId('export-settings').locator('summary').click()
    await expect(page.getByTestId('export-place')).toHaveValue('Town hall, room 2')
    await expect(page.getByTestId('export-show-authors')).toBeChecked()
    await expect(page.getByTestId('export-picture')).toHaveValue('none')

    if (testInfo.project.name.startsWith('desktop')) {
      await page.setViewportSize({ width: 390, height: 844 })
      await page.getByTestId('export-settings').scrollIntoViewIfNeeded()
      await page.screenshot({ path: `${screenshots}export-settings-phone.png` })
    }
  })
})
