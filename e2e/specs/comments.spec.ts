import AxeBuilder from '@axe-core/playwright'
import type { Locator } from '@playwright/test'
import { callApi } from '@pinnwand/shared/contract/callApi'
import { listComments } from '@pinnwand/shared/commentRoutes'
import { postIdea } from '../fixtures/api.ts'
import { expect, test } from '../fixtures/test.ts'

const threadOnServer = async (baseUrl: string, boardId: string, ideaId: string, token: string) =>
  (await callApi(listComments, { params: { boardId, ideaId }, token }, { baseUrl })).comments

const badgeOf = (card: Locator) => card.getByTestId('comment-badge')

test.describe('comments on idea cards', () => {
  test(
    'a tablet participant comments on a card; another participant sees the thread and the count live',
    { tag: '@tablet' },
    async ({ server, workshop, newUser }) => {
      const ideaId = await postIdea(
        server.url,
        workshop.boardId,
        workshop.facilitatorToken,
        'Bike lanes on Main Street',
      )
      const tina = await newUser('Tina')
      const otto = await newUser('Otto')
      await tina.board.open(workshop.boardId, tina.participant.token)
      await tina.board.waitForConnected()
      await otto.board.open(workshop.boardId, otto.participant.token)
      await otto.board.waitForConnected()

      const tinasCard = tina.board.card('Bike lanes on Main Street')
      const ottosCard = otto.board.card('Bike lanes on Main Street')
      // No comments yet: no badge until the card is selected.
      await expect(badgeOf(ottosCard)).toHaveCount(0)
      await tinasCard.tap()
      await expect(badgeOf(tinasCard)).toHaveAttribute('data-count', '0')
      await badgeOf(tinasCard).tap()

      const panel = tina.board.page.getByTestId('panel-comments')
      await expect(panel).toBeVisible()
      await expect(panel.getByTestId('comments-idea-text')).toHaveText('Bike lanes on Main Street')
      const input = panel.getByTestId('comment-text-input')
      await input.tap()
      await input.fill('Protected ones, please <b>not</b> paint only')
      await panel.getByTestId('comment-send').tap()
      await expect(input).toHaveValue('')
      await expect(panel.getByTestId('comment-text')).toHaveText(['Protected ones, please <b>not</b> paint only'])

      // Otto sees the count on the card, live, and opens the thread with a tap on it.
      await expect(badgeOf(ottosCard)).toHaveAttribute('data-count', '1')
      await expect(badgeOf(ottosCard)).toHaveAccessibleName('1 comment – show')
      await badgeOf(ottosCard).tap()
      const ottosPanel = otto.board.page.getByTestId('panel-comments')
      await expect(ottosPanel.getByTestId('comment')).toHaveCount(1)
      await expect(ottosPanel.getByTestId('comment').first()).toContainText('Tina')
      // Text is shown as text: no <b> element was made from it.
      await expect(ottosPanel.getByTestId('comment-text').locator('b')).toHaveCount(0)
      // Only the author (or the facilitator) may delete.
      await expect(ottosPanel.getByTestId('comment-delete')).toHaveCount(0)

      // Otto answers; Tina's open thread and her card's count follow live, and she hears it.
      await ottosPanel.getByTestId('comment-text-input').fill('Agreed!')
      await ottosPanel.getByTestId('comment-send').tap()
      await expect(panel.getByTestId('comment-text')).toHaveText([
        'Protected ones, please <b>not</b> paint only',
        'Agreed!',
      ])
      await expect(badgeOf(tinasCard)).toHaveAttribute('data-count', '2')
      await expect(tina.board.page.getByTestId('comments-announcer')).toHaveText('New comment from Otto: Agreed!')

      // Tina deletes her own comment; it goes everywhere.
      await panel.getByTestId('comment-delete').tap()
      await expect(ottosPanel.getByTestId('comment-text')).toHaveText(['Agreed!'])
      await expect(badgeOf(ottosCard)).toHaveAttribute('data-count', '1')
      // Two instances behind a proxy: the read may reach the one the delete has not been relayed
      // to yet, so wait for the replication instead of reading once.
      await expect
        .poll(() => threadOnServer(server.url, workshop.boardId, ideaId, workshop.facilitatorToken))
        .toMatchObject([{ text: 'Agreed!', author: 'Otto' }])
    },
  )

  test('commenting works with the keyboard alone, and the open panel has no serious axe violations', async ({
    server,
    workshop,
    board,
  }) => {
    const ideaId = await postIdea(server.url, workshop.boardId, workshop.facilitatorToken, 'More benches')
    await board.open(workshop.boardId, workshop.facilitatorToken)
    await board.waitForConnected()

    const tab = board.page.getByTestId('panel-tab-comments')
    await tab.focus()
    await board.page.keyboard.press('Enter')
    const panel = board.page.getByTestId('panel-comments')
    await expect(panel).toBeVisible()
    const chooser = panel.getByRole('combobox', { name: 'Idea card' })
    await chooser.focus()
    await chooser.selectOption({ label: 'More benches' })
    const input = panel.getByRole('textbox', { name: 'Your comment' })
    await input.focus()
    await board.page.keyboard.type('In the shade')
    // Enter alone makes a new line; Ctrl+Enter sends.
    await board.page.keyboard.press('Enter')
    await board.page.keyboard.type('near the playground')
    await board.page.keyboard.press('Control+Enter')
    await expect(input).toHaveValue('')
    await expect(input).toBeFocused()
    await expect(panel.getByTestId('comment-text')).toHaveText(['In the shade\nnear the playground'])
    await expect(board.card('More benches').getByTestId('comment-badge')).toHaveAttribute('data-count', '1')
    await expect
      .poll(() => threadOnServer(server.url, workshop.boardId, ideaId, workshop.facilitatorToken))
      .toMatchObject([{ text: 'In the shade\nnear the playground', author: 'Moderation' }])

    const results = await new AxeBuilder({ page: board.page }).include('[data-testid="panel-comments"]').analyze()
    expect(results.passes.length).toBeGreaterThan(3)
    const blocking = results.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => ({ id: violation.id, targets: violation.nodes.map((node) => node.target.join(' ')) }))
    expect(blocking).toEqual([])

    await panel.getByRole('button', { name: 'Delete comment by Facilitation' }).press('Enter')
    await expect(panel.getByTestId('comment')).toHaveCount(0)
    await expect(input).toBeFocused()
  })
})
