import AxeBuilder from '@axe-core/playwright'
import { devices, type Page } from '@playwright/test'
import { BoardPage } from '../pages/BoardPage.ts'
import { fileURLToPath } from 'node:url'
import * as controlRoutes from '@pinnwand/shared/controlRoutes'
import { callApi } from '@pinnwand/shared/contract/callApi'
import { takeSeat } from '@pinnwand/shared/workshopRoutes'
import { createGermanForum, giveDot, joinWorkshop, postIdea } from '../fixtures/api.ts'
import { expect, test } from '../fixtures/test.ts'

/**
 * Issue 16: the organiser of an event with three tables steers all of them from the dashboard
 * (the control room): one phase for all, one voting round for all, progress rising per table as
 * people vote, results revealed everywhere. The organiser acts only through the page; the
 * participants are simulated through the API (what they do is tested in the voting specs).
 */

const screenshots = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url))

const card = (page: Page, number: number) =>
  page.getByTestId('table-card').filter({ has: page.getByRole('heading', { name: new RegExp(`^Tisch ${number} ·`) }) })

test.use({ locale: 'de-DE' })

test.describe('control room', () => {
  test(
    'an organiser sets the phase and runs a round on three tables at once',
    { tag: '@desktop' },
    async ({ page, server, browser }) => {
      const event = await createGermanForum(server.url, [
        { title: 'Mobilität' },
        { title: 'Wohnen' },
        { title: 'Energie' },
      ])
      const ideas: string[][] = []
      for (const table of event.tables) {
        const ids: string[] = []
        for (const text of ['Radweg ausbauen', 'Bus alle 10 Minuten'])
          ids.push(await postIdea(server.url, table.id, event.token, text))
        ideas.push(ids)
      }
      const people = await Promise.all(
        ['Ada', 'Ben'].map((name) =>
          joinWorkshop(
            server.url,
            { ...event, facilitatorToken: event.token, boardId: event.tables[0]!.id, boards: event.tables },
            name,
          ),
        ),
      )
      // Both sit at table 1 (what the join page does when they choose it).
      for (const person of people)
        await callApi(
          takeSeat,
          { params: { boardId: event.tables[0]!.id }, token: person.token },
          { baseUrl: server.url },
        )

      await page.goto(`/w/${event.id}?token=${event.token}`)
      const panel = page.getByTestId('bulk-actions')
      await expect(panel.getByRole('heading', { name: 'Alle Thementische steuern' })).toBeVisible()
      for (const n of [1, 2, 3]) await expect(card(page, n)).toBeVisible()

      // One phase for every table.
      await panel.getByLabel('Phase').selectOption({ label: 'Gruppieren' })
      await panel.getByRole('button', { name: 'Phase an 3 Tischen setzen' }).click()
      await expect(panel.getByTestId('bulk-results')).toContainText('3 von 3 Tischen haben es übernommen')
      for (const n of [1, 2, 3]) await expect(card(page, n).getByLabel('Phase')).toHaveValue('cluster')

      // A round on tables 1 and 3 only: tick them, then the same settings for both.
      await card(page, 1)
        .getByRole('checkbox', { name: /auswählen$/ })
        .check()
      await card(page, 3)
        .getByRole('checkbox', { name: /auswählen$/ })
        .check()
      await panel.getByRole('radio', { name: '2 ausgewählte Thementische' }).check()
      await panel.getByLabel('Punkte pro Person').fill('2')
      // A named round: the organiser may see who is not done yet.
      await panel.getByLabel('Anonym').uncheck()
      await panel.getByRole('button', { name: 'Abstimmungsrunde an 2 Tischen starten' }).click()
      await expect(panel.getByTestId('bulk-results')).toContainText('2 von 2 Tischen haben es übernommen')
      await expect(card(page, 1).getByTestId('round-progress')).toContainText('Abstimmung läuft')
      await expect(card(page, 3).getByTestId('round-progress')).toContainText('0 Punkte gesetzt')
      await expect(card(page, 2).getByTestId('round-progress')).toHaveCount(0)

      // Now on all three: table 1 and 3 already vote and say so, table 2 takes it.
      await panel.getByRole('radio', { name: 'alle 3 Thementische' }).check()
      await panel.getByRole('button', { name: 'Abstimmungsrunde an 3 Tischen starten' }).click()
      const results = panel.getByTestId('bulk-results')
      await expect(results).toContainText('1 von 3 Tischen hat es übernommen')
      await expect(results.getByTestId('bulk-refused')).toHaveCount(2)
      await expect(results.getByTestId('bulk-refused').first()).toContainText(
        'Tisch 1 · Mobilität: Dort läuft schon eine Abstimmungsrunde.',
      )

      // People vote on table 1; the dashboard's progress rises without a reload.
      const status = await callApi(
        controlRoutes.workshopStatus,
        { params: { workshopId: event.id }, token: event.token },
        { baseUrl: server.url },
      )
      const roundId = status.tables[0]!.round!.id
      const vote = (token: string, ideaId: string) => giveDot(server.url, roundId, token, ideaId)
      await vote(people[0]!.token, ideas[0]![0]!)
      await expect(card(page, 1).getByTestId('round-progress')).toContainText('1 Punkt gesetzt')
      await expect(card(page, 1).getByTestId('voters-done')).toContainText('0 von 0 haben abgestimmt')
      await expect(card(page, 1).getByTestId('not-done')).toHaveText('Noch nicht fertig: Ada, Ben')
      await vote(people[0]!.token, ideas[0]![1]!)
      await expect(card(page, 1).getByTestId('voters-done')).toContainText('1 von 1 hat abgestimmt')
      await expect(card(page, 1).getByTestId('not-done')).toHaveText('Noch nicht fertig: Ben')
      await vote(people[1]!.token, ideas[0]![0]!)
      await vote(people[1]!.token, ideas[0]![0]!)
      await expect(card(page, 1).getByTestId('voters-done')).toContainText('2 von 2 haben abgestimmt')
      await expect(card(page, 1).getByTestId('round-progress')).toContainText('4 Punkte gesetzt')
      await expect(card(page, 1).getByTestId('not-done')).toHaveCount(0)

      await card(page, 1).scrollIntoViewIfNeeded()
      await page.screenshot({ path: `${screenshots}control-room-desktop.png` })
      // The control room with a round running: no serious or critical accessibility problem.
      const axe = await new AxeBuilder({ page })
        .include('[data-testid="bulk-actions"]')
        .include('.pw-table-grid')
        .analyze()
      const blocking = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
      expect(blocking.map((v) => ({ id: v.id, targets: v.nodes.map((n) => n.target.join(' ')) }))).toEqual([])

      // Reveal everywhere.
      await panel.getByRole('button', { name: 'Ergebnisse zeigen', exact: true }).click()
      await expect(results).toContainText('3 von 3 Tischen haben es übernommen')
      for (const n of [1, 2, 3])
        await expect(card(page, n).getByTestId('round-progress')).toContainText('Ergebnisse gezeigt')

      // The workshop projector link is on the dashboard.
      await page.getByRole('button', { name: 'Beamer-Link erstellen', exact: true }).click()
      await expect(page.getByTestId('workshop-projector-link')).toHaveValue(
        new RegExp(`/w/${event.id}/projector\\?token=`),
      )

      // Participants see which table they are at; the join sheet carries the number too.
      const phone = await browser.newContext({
        ...devices['Pixel 7'],
        viewport: { width: 390, height: 844 },
        baseURL: server.url,
        locale: 'de-DE',
        hasTouch: true,
        isMobile: true,
      })
      try {
        const board = new BoardPage(await phone.newPage(), { touch: true })
        await board.open(event.tables[1]!.id, people[0]!.token)
        await board.waitForConnected()
        await expect(board.page.getByTestId('table-name')).toHaveText('Tisch 2 · Wohnen')
        await board.page.screenshot({ path: `${screenshots}control-room-table-name-phone.png` })

        // A message from the control room reaches the phone at once.
        await panel.getByLabel('Nachricht (höchstens 200 Zeichen)').fill('Noch 5 Minuten, dann Plenum')
        await panel.getByRole('button', { name: 'An 3 Tische senden' }).click()
        await expect(results).toContainText('3 von 3 Tischen haben es übernommen')
        await expect(board.page.getByTestId('board-message')).toContainText('Noch 5 Minuten, dann Plenum')
        await board.page.screenshot({ path: `${screenshots}control-room-message-phone.png` })
        // This event has no plenary: every table says why it cannot send people there.
        await panel.getByRole('button', { name: 'Alle ins Plenum holen' }).click()
        await expect(results.getByTestId('bulk-refused')).toHaveCount(3)
        await expect(results.getByTestId('bulk-refused').first()).toContainText('Diese Veranstaltung hat kein Plenum.')
        await board.page.getByRole('button', { name: 'Nachricht schließen' }).click()
        await expect(board.page.getByTestId('board-message')).toHaveCount(0)

        // Back to collecting on all tables: Ada says she is done, the control room counts her.
        await panel.getByLabel('Phase').selectOption({ label: 'Sammeln' })
        await panel.getByRole('button', { name: 'Phase an 3 Tischen setzen' }).click()
        await board.page.getByRole('button', { name: 'Ich bin fertig' }).tap()
        await expect(board.page.getByTestId('done-button')).toHaveAttribute('aria-pressed', 'true')
        await expect(board.page.getByTestId('done-button')).toHaveText('Fertig ✓')
        await board.page.screenshot({ path: `${screenshots}control-room-done-phone.png` })
        await expect(card(page, 2).getByTestId('finished')).toHaveText('1 von 1 fertig')
        await expect(card(page, 1).getByTestId('finished')).toHaveText('0 von 0 fertig')
      } finally {
        await phone.close()
      }
      await page.goto(`/w/${event.id}/print`)
      await expect(page.getByRole('heading', { name: 'Tisch 3 · Energie' })).toBeVisible()
      await page.goto(`/w/${event.id}`)
      await expect(card(page, 1)).toBeVisible()

      // The same page on a tablet and a phone.
      for (const [name, viewport] of [
        ['tablet', { width: 820, height: 1180 }],
        ['phone', { width: 390, height: 844 }],
      ] as const) {
        await page.setViewportSize(viewport)
        await card(page, 1).scrollIntoViewIfNeeded()
        await page.screenshot({ path: `${screenshots}control-room-${name}.png` })
      }
    },
  )
})
