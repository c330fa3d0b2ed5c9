import AxeBuilder from '@axe-core/playwright'
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import type { Locator } from '@playwright/test'
import { boardTexts, openProjector, writeCard } from '../fixtures/heldCards.ts'
import { participantOn } from '../fixtures/participantDevice.ts'
import { expect, test } from '../fixtures/test.ts'
import { BoardPage } from '../pages/BoardPage.ts'
import { expectDoneButtonCoversNothing, expectEveryTabReachable, expectNoVisibleNameTag } from '../pages/phoneLayout.ts'

/** A tap on a touch device, a click otherwise. */
const press = (board: BoardPage, target: Locator) => (board.touch ? target.tap() : target.click())

const shots = process.env.PINNWAND_SCREENSHOTS === '1'
const shotDir = path.join(import.meta.dirname, '../../docs/screenshots')

test.describe('Moderationseingang', () => {
  test('a participant’s cards wait for approval; approved, edited, rejected with a reason only the author sees', async ({
    browser,
    board,
    workshop,
    server,
    hasTouch,
    newUser,
  }) => {
    test.setTimeout(300_000)
    // Desktop run: the participant on a phone; tablet run: on a tablet, like the facilitator.
    const device = hasTouch ? 'tablet' : 'phone'
    const pia = await participantOn(browser, server.url, workshop, 'Pia', device)
    const projector = await openProjector(browser, server.url, workshop)
    await board.open(workshop.boardId, workshop.facilitatorToken)
    await board.waitForConnected()

    // The facilitator (an English browser) switches moderation on in the inbox panel, by keyboard.
    await press(board, board.page.getByTestId('panel-tab-moderation'))
    const toggle = board.page.getByTestId('moderation-toggle')
    await toggle.focus()
    await board.page.keyboard.press('Space')
    await expect(toggle).toBeChecked()
    await expect(board.page.getByTestId('moderation-inbox')).toContainText('Your own cards need no approval')

    // Her new cards go through the field: the canvas tool for idea cards is gone while moderated.
    await expect(pia.board.ideaCardTool).toHaveCount(0)
    // Pia writes three cards; they wait in her tray, marked so, and on nobody's board.
    const tray = pia.board.page.getByTestId(device === 'phone' ? 'held-tray-list' : 'held-tray-dock')
    await writeCard(pia.board.page, 'Mehr Schatten am Spielplatz')
    await expect(tray).toBeVisible()
    await writeCard(pia.board.page, 'Tempo 30 vor der Schule')
    await writeCard(pia.board.page, 'Werbung für meinen Laden')
    await expect(tray.getByTestId('held-card-status')).toHaveText([
      'Wartet auf Freigabe',
      'Wartet auf Freigabe',
      'Wartet auf Freigabe',
    ])
    // While it waits she may still change a card.
    const school = tray.getByTestId('held-card').filter({ hasText: 'Tempo 30' })
    await press(pia.board, school.getByRole('button', { name: /bearbeiten/ }))
    await tray.getByLabel('Text Ihrer wartenden Karte').fill('Tempo 30 vor der Grundschule')
    await press(pia.board, tray.getByRole('button', { name: 'Speichern' }))
    await expect(tray.getByTestId('held-card-text')).toHaveText([
      'Mehr Schatten am Spielplatz',
      'Tempo 30 vor der Grundschule',
      'Werbung für meinen Laden',
    ])
    for (const page of [pia.board.page, board.page, projector.page]) expect(await boardTexts(page)).toEqual([])
    if (device === 'phone') {
      // On her phone "Ich bin fertig" covers no button of the waiting cards, and no stray name tag
      // (the projector's cursor at the page origin) sits clipped in the top bar.
      await expectDoneButtonCoversNothing(pia.board.page, tray)
      await expectNoVisibleNameTag(pia.board.page)
      await tray.getByTestId('held-card').first().scrollIntoViewIfNeeded()
    }

    // The facilitator's inbox: every card with its author, and the count on the tab.
    await expect(board.page.getByTestId('moderation-badge')).toHaveText('3')
    const inbox = board.page.getByTestId('inbox-card')
    await expect(board.page.getByTestId('inbox-card-text')).toHaveText([
      'Mehr Schatten am Spielplatz',
      'Tempo 30 vor der Grundschule',
      'Werbung für meinen Laden',
    ])
    await expect(board.page.getByTestId('inbox-card-author').first()).toHaveText('by Pia')

    // The inbox and the waiting tray have no serious or critical axe violations.
    for (const [page, selector] of [
      [board.page, '[data-testid="panel-moderation"]'],
      [pia.board.page, `[data-testid="${device === 'phone' ? 'held-tray-list' : 'held-tray-dock'}"]`],
    ] as const) {
      const results = await new AxeBuilder({ page }).include(selector).analyze()
      expect(results.passes.length).toBeGreaterThan(3)
      const blocking = results.violations
        .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
        .map((violation) => ({ id: violation.id, targets: violation.nodes.map((node) => node.target.join(' ')) }))
      expect(blocking).toEqual([])
    }

    if (shots) {
      mkdirSync(shotDir, { recursive: true })
      const size = hasTouch ? 'tablet' : 'desktop'
      await board.page.screenshot({ path: path.join(shotDir, `moderation-inbox-${size}.png`) })
      await pia.board.page.screenshot({ path: path.join(shotDir, `moderation-waiting-${device}.png`) })
    }

    // Approve as written.
    await press(board, inbox.filter({ hasText: 'Schatten' }).getByTestId('inbox-approve'))
    // Edit, then approve.
    await press(board, inbox.filter({ hasText: 'Tempo 30' }).getByTestId('inbox-edit'))
    await board.page.getByTestId('inbox-edit-field').fill('Tempo 30 vor allen Schulen')
    await press(board, board.page.getByTestId('inbox-approve-edited'))
    // Reject, with a reason.
    await press(board, inbox.filter({ hasText: 'Werbung' }).getByTestId('inbox-reject'))
    await board.page.getByTestId('inbox-reason').fill('Bitte keine Werbung auf dem Board.')
    await press(board, board.page.getByTestId('inbox-reject-confirm'))
    await expect(inbox).toHaveCount(0)
    await expect(board.page.getByTestId('moderation-badge')).toHaveCount(0)
    await expect(board.page.getByTestId('moderation-waiting')).toHaveText('0 cards waiting for approval · 1 rejected')

    const approved = ['Mehr Schatten am Spielplatz', 'Tempo 30 vor allen Schulen']
    for (const page of [pia.board.page, board.page, projector.page]) {
      await expect.poll(() => boardTexts(page)).toEqual(approved)
    }
    // Her screen reader hears of the decision.
    await expect(pia.board.page.getByTestId('board-announcer')).toContainText(
      'Die Moderation hat Ihre Karte abgelehnt.',
    )
    // Pia sees the rejection and the reason; the approved cards have left her tray.
    await expect(tray.getByTestId('held-card-text')).toHaveText(['Werbung für meinen Laden'])
    await expect(tray.getByTestId('held-card-status')).toHaveText(
      'Von der Moderation abgelehnt: Bitte keine Werbung auf dem Board.',
    )
    if (shots) {
      await pia.board.page.screenshot({ path: path.join(shotDir, `moderation-rejected-${device}.png`) })
      await projector.page.screenshot({ path: path.join(shotDir, 'moderation-projector-1920.png') })
    }
    // The projector never showed the rejected card or its reason, nor the first draft.
    const screenText = await projector.page.locator('body').innerText()
    for (const hidden of ['Werbung', 'Grundschule']) expect(screenText).not.toContain(hidden)
    expect(await boardTexts(projector.page)).toEqual(approved)

    // The dashboard shows the table's setting, and switches it off again.
    const dashboard = await board.page.context().newPage()
    await dashboard.goto(`/w/${workshop.id}?token=${encodeURIComponent(workshop.facilitatorToken)}`)
    const setting = dashboard.getByTestId('table-moderation')
    await expect(setting).toBeChecked()
    if (shots) {
      await setting.scrollIntoViewIfNeeded()
      await dashboard.screenshot({
        path: path.join(shotDir, `moderation-dashboard-${hasTouch ? 'tablet' : 'desktop'}.png`),
      })
    }
    await setting.focus()
    await dashboard.keyboard.press('Space')
    await expect(board.page.getByTestId('moderation-toggle')).not.toBeChecked()
    if (device === 'tablet') await expect(pia.board.ideaCardTool).toBeVisible()
    await dashboard.close()

    // She hides the rejected card; the tray goes.
    await press(pia.board, tray.getByRole('button', { name: /ausblenden/ }))
    await expect(tray).toHaveCount(0)
    await pia.context.close()
    await projector.context.close()

    // The remaining sizes for the screenshots: a participant at 1280 × 800, the inbox on a phone.
    if (shots && !hasTouch) {
      // Switched on again (the dashboard switched it off), from the inbox panel.
      await board.page.getByTestId('moderation-toggle').focus()
      await board.page.keyboard.press('Space')
      await expect(board.page.getByTestId('moderation-toggle')).toBeChecked()
      const dana = await newUser('Dana')
      await dana.board.open(workshop.boardId, dana.participant.token)
      await dana.board.waitForConnected()
      await writeCard(dana.board.page, 'Fahrradständer am Bahnhof')
      await expect(dana.board.page.getByTestId('held-tray-dock')).toContainText('Waiting for approval')
      await dana.board.page.screenshot({ path: path.join(shotDir, 'moderation-waiting-desktop.png') })
      const phone = await browser.newContext({
        baseURL: server.url,
        viewport: { width: 390, height: 844 },
        hasTouch: true,
        isMobile: true,
        locale: 'de-DE',
      })
      const facilitatorPhone = new BoardPage(await phone.newPage(), { touch: true })
      await facilitatorPhone.open(workshop.boardId, workshop.facilitatorToken)
      await facilitatorPhone.waitForConnected()
      await press(facilitatorPhone, facilitatorPhone.page.getByTestId('panel-tab-moderation'))
      await expect(facilitatorPhone.page.getByTestId('inbox-card-text')).toHaveText(['Fahrradständer am Bahnhof'])
      await facilitatorPhone.page.screenshot({ path: path.join(shotDir, 'moderation-inbox-phone.png') })
      await phone.close()
    }
  })

  test(
    'on a phone the facilitator reaches every panel tab, whole and tappable',
    { tag: '@desktop' },
    async ({ browser, server, workshop }) => {
      const phone = await browser.newContext({
        baseURL: server.url,
        viewport: { width: 390, height: 844 },
        hasTouch: true,
        isMobile: true,
        locale: 'de-DE',
      })
      const facilitator = new BoardPage(await phone.newPage(), { touch: true })
      await facilitator.open(workshop.boardId, workshop.facilitatorToken)
      await facilitator.waitForConnected()
      const tabs = await expectEveryTabReachable(facilitator.page)
      // All the facilitator's panels, more than fit side by side at 390 px.
      expect(tabs).toEqual(
        expect.arrayContaining(['panel-tab-ideas', 'panel-tab-facilitation', 'panel-tab-moderation']),
      )
      expect(tabs.length).toBeGreaterThanOrEqual(6)
      if (shots) {
        await press(facilitator, facilitator.page.getByTestId('panel-tab-moderation'))
        await facilitator.page.screenshot({ path: path.join(shotDir, 'panel-tabs-facilitator-phone.png') })
      }
      await phone.close()
    },
  )
})
