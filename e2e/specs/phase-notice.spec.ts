import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { callApi } from '@pinnwand/shared/contract/callApi'
import { setBoardPhase } from '@pinnwand/shared/boardRoutes'
import { postIdea } from '../fixtures/api.ts'
import { participantOn } from '../fixtures/participantDevice.ts'
import { expect, test } from '../fixtures/test.ts'

const shots = process.env.PINNWAND_SCREENSHOTS === '1'
const shotDir = path.join(import.meta.dirname, '../../docs/screenshots')

test.describe('phases follow what happens, and every participant is told', () => {
  test(
    'a round started and revealed from the panel moves every phase chip; phone and tablet see the notice',
    { tag: '@desktop' },
    async ({ browser, board, workshop, server }) => {
      test.setTimeout(240_000)
      for (const text of ['Mehr Bänke', 'Trinkbrunnen', 'Radwege'])
        await postIdea(server.url, workshop.boardId, workshop.facilitatorToken, text)
      await callApi(
        setBoardPhase,
        { params: { boardId: workshop.boardId }, body: { phase: 'cluster' }, token: workshop.facilitatorToken },
        { baseUrl: server.url },
      )
      const phone = await participantOn(browser, server.url, workshop, 'Pia', 'phone')
      const tablet = await participantOn(browser, server.url, workshop, 'Tom', 'tablet')
      await board.open(workshop.boardId, workshop.facilitatorToken)
      await board.waitForConnected()
      const people = [phone.board.page, tablet.board.page]
      for (const page of people) await expect(page.getByTestId('phase')).toHaveAttribute('data-phase', 'cluster')
      // Opening the board is not news.
      for (const page of people) await expect(page.getByTestId('phase-notice')).toHaveCount(0)

      // The facilitator opens a round from the voting panel, as they would.
      await board.page.getByTestId('panel-tab-voting').click()
      const panel = board.page.getByTestId('panel-voting')
      await panel.getByTestId('round-dots').fill('3')
      await panel.getByTestId('round-open').click()
      await expect(panel.getByTestId('round-status')).toHaveAttribute('data-status', 'open')

      // Every participant's chip says "Punktabfrage" now, not "Gruppieren".
      for (const page of people) await expect(page.getByTestId('phase')).toHaveAttribute('data-phase', 'vote')
      await expect(phone.board.page.getByTestId('phase')).toContainText('Punktabfrage')
      // One notice (not "new phase" and "round started" twice), visible on the phone and read out politely.
      const phoneNotice = phone.board.page.getByTestId('phase-notice')
      await expect(phoneNotice).toBeVisible()
      await expect(phoneNotice).toHaveText('Die Punktabfrage hat begonnen. Sie haben 3 Punkte.')
      await expect(phone.board.page.getByTestId('board-announcer')).toHaveText(
        'Die Punktabfrage hat begonnen. Sie haben 3 Punkte.',
      )
      await expect(phone.board.page.getByTestId('board-announcer')).toHaveAttribute('aria-live', 'polite')
      // The notice covers no button a participant needs: it sits inside the screen, closable by a finger.
      const box = (await phoneNotice.boundingBox())!
      expect(box.x).toBeGreaterThanOrEqual(0)
      expect(box.x + box.width).toBeLessThanOrEqual(390)
      const close = phoneNotice.getByRole('button', { name: 'Hinweis schließen' })
      const closeBox = (await close.boundingBox())!
      expect(Math.min(closeBox.width, closeBox.height)).toBeGreaterThanOrEqual(44)
      if (shots) {
        mkdirSync(shotDir, { recursive: true })
        await expect(tablet.board.page.getByTestId('phase-notice')).toBeVisible()
        await tablet.board.page.screenshot({ path: path.join(shotDir, 'phase-notice-tablet.png') })
        await phone.board.page.screenshot({ path: path.join(shotDir, 'phase-notice-phone.png') })
      }
      await close.tap()
      await expect(phoneNotice).toHaveCount(0)
      // The facilitator made the change; their own screen is not told about it.
      await expect(board.page.getByTestId('phase-notice')).toHaveCount(0)

      // Reveal from the panel: everyone moves to results and hears that the results are in.
      await panel.getByTestId('round-reveal').click()
      for (const page of people) await expect(page.getByTestId('phase')).toHaveAttribute('data-phase', 'results')
      await expect(phoneNotice).toHaveText('Die Ergebnisse der Abstimmungsrunde sind da.')
      await expect(tablet.board.page.getByTestId('phase-notice')).toHaveText(
        'Die Ergebnisse der Abstimmungsrunde sind da.',
      )

      // "Follow me" from the facilitation panel.
      await board.page.getByTestId('panel-tab-facilitation').click()
      await board.page.getByTestId('follow-me').click()
      await expect(phoneNotice).toContainText('Ihre Ansicht folgt jetzt Moderation.')
      await board.page.getByTestId('follow-me').click()
      await expect(phoneNotice).toContainText('Moderation teilt die Ansicht nicht mehr.')

      // The facilitator still sets a phase by hand, and that is told too.
      await board.page.getByLabel('Phase', { exact: true }).selectOption('collect')
      for (const page of people) await expect(page.getByTestId('phase')).toHaveAttribute('data-phase', 'collect')
      await expect(phoneNotice).toHaveText('Neue Phase: Sammeln')
      await phone.context.close()
      await tablet.context.close()
    },
  )
})
