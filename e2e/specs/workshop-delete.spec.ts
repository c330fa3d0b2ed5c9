import { expect, test } from '../fixtures/test.ts'
import { joinByCode, watchMissingKeys } from '../pages/workshopSupport.ts'

test.describe('deleting a workshop', () => {
  test('the facilitator deletes it on the dashboard; every open page and old link then says so', async ({
    browser,
    page,
    context,
    workshop,
    networkLog,
    projectContextOptions,
  }) => {
    const missing = watchMissingKeys(context)
    const guest = await browser.newContext({ ...projectContextOptions, locale: 'de-DE' })
    networkLog.watch(guest)
    const guestMissing = watchMissingKeys(guest)
    try {
      // A participant (German) is on the board.
      const onBoard = await guest.newPage()
      await joinByCode(onBoard, workshop.joinCode, 'Gül')

      await page.goto(`/w/${workshop.id}?token=${workshop.facilitatorToken}`)
      const panel = page.getByTestId('delete-workshop')
      await panel.getByRole('heading', { name: 'Delete workshop', exact: true }).click()
      const confirm = panel.getByLabel(/To confirm, type the title of the workshop/)
      const submit = panel.getByRole('button', { name: 'Delete workshop for good' })
      await confirm.fill('E2E')
      await expect(submit).toBeDisabled()
      await confirm.fill('E2E workshop')
      await submit.click()
      await expect(page.getByRole('heading', { name: 'Workshop deleted' })).toBeVisible()

      // The participant's open board is closed with "deleted", in German, without a reload.
      await expect(onBoard.getByText('Diese Veranstaltung wurde von der Moderation gelöscht.')).toBeVisible({
        timeout: 20_000,
      })
      // The same board link after a reload, the join link, the QR link, the dashboard link: all say so.
      await onBoard.reload()
      await expect(onBoard.getByText('Diese Veranstaltung wurde von der Moderation gelöscht.')).toBeVisible()
      await onBoard.goto(`/join/${workshop.joinCode}`)
      await expect(onBoard.getByTestId('join-error')).toContainText(
        'Diese Veranstaltung wurde von der Moderation gelöscht.',
      )
      await onBoard.goto(`/join/${workshop.joinCode}?board=${workshop.boardId}`)
      await expect(onBoard.getByTestId('join-error')).toContainText('gelöscht')
      await page.goto(`/w/${workshop.id}?token=${workshop.facilitatorToken}`)
      await expect(page.getByTestId('workshop-deleted')).toContainText('This workshop was deleted')
      await page.goto(`/b/${workshop.boardId}?token=${workshop.facilitatorToken}`)
      await expect(page.getByTestId('board-error')).toContainText('This workshop was deleted by the facilitation.')
    } finally {
      await guest.close()
    }
    expect([...missing, ...guestMissing]).toEqual([])
  })
})
