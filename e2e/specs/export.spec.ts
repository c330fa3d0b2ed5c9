import { readFile } from 'node:fs/promises'
import { expect, test } from '../fixtures/test.ts'

test.describe('result documentation', () => {
  test('the facilitator downloads the table report as PDF from the board and the whole workshop as ZIP from the dashboard', async ({
    workshop,
    board,
    page,
  }) => {
    await board.open(workshop.boardId, workshop.facilitatorToken)
    await board.waitForConnected()
    const field = page.getByTestId('add-idea-text')
    await field.fill('Shade trees on the market square')
    await field.press('Enter')
    await expect(board.card('Shade trees on the market square')).toBeVisible()

    await page.getByTestId('panel-tab-export').click()
    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-pdf').click()])
    expect(pdf.suggestedFilename()).toMatch(/\.pdf$/)
    const pdfBytes = await readFile(await pdf.path())
    expect(pdfBytes.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    expect(pdfBytes.length).toBeGreaterThan(5_000)

    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()])
    expect(await readFile(await csv.path(), 'utf8')).toContain('Shade trees on the market square')

    await page.goto(`/w/${workshop.id}?token=${workshop.facilitatorToken}`)
    const [zip] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-workshop-zip').click()])
    expect(zip.suggestedFilename()).toMatch(/\.zip$/)
    const zipBytes = await readFile(await zip.path())
    expect(zipBytes.subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004')
    // Entry names are stored as plain text in the archive: a folder for the table with its report.
    const names = zipBytes.toString('latin1')
    expect(names).toMatch(/Ideas[^/]*\/[^/]*\.pdf/)
    expect(names).toMatch(/\.docx/)
  })

  test('a participant has no export panel', async ({ workshop, newUser }) => {
    const ada = await newUser('Ada')
    await ada.board.open(workshop.boardId, ada.participant.token)
    await ada.board.waitForConnected()
    await expect(ada.board.page.getByTestId('panel-tab-ideas')).toBeVisible()
    await expect(ada.board.page.getByTestId('panel-tab-export')).toHaveCount(0)
  })
})
