import { mkdirSync } from 'node:fs'
import path from 'node:path'
import type { BrowserContext, Locator, Page } from '@playwright/test'
import { boardTexts } from '../fixtures/heldCards.ts'
import { expect, test } from '../fixtures/test.ts'
import type { BoardPage } from '../pages/BoardPage.ts'

const shots = process.env.PINNWAND_SCREENSHOTS === '1'
const shotDir = path.join(import.meta.dirname, '../../docs/screenshots')
const visible = (page: Page, testId: string) => page.locator(`[data-testid="${testId}"]:visible`)
/** A tap on a touch device, a click otherwise. */
const press = (board: BoardPage, target: Locator) => (board.touch ? target.tap() : target.click())

/** The facilitator starts Stilles Sammeln from the Moderation panel; the participant's field turns private. */
async function startPhase(board: BoardPage, participant: BoardPage) {
  await press(board, board.page.getByTestId('panel-tab-facilitation'))
  await press(board, board.page.getByTestId('private-start'))
  await expect(board.page.getByTestId('private-controls-count')).toHaveText('0 cards written')
  await expect(visible(participant.page, 'add-idea-text')).toHaveAttribute('placeholder', /shown only at the reveal/)
}

/** The participant loses the connection and writes a card with the keyboard; it waits on the device. */
async function writeOffline(context: BrowserContext, participant: BoardPage, text: string) {
  await context.setOffline(true)
  await expect(participant.status).toHaveAttribute('data-status', 'offline')
  return writeWaiting(participant, text)
}

/** Writes a card with the keyboard while offline; it waits on the device. */
async function writeWaiting(participant: BoardPage, text: string) {
  const field = visible(participant.page, 'add-idea-text').first()
  await field.focus()
  await participant.page.keyboard.type(text)
  await participant.page.keyboard.press('Enter')
  await expect(field).toHaveValue('')
  await expect(visible(participant.page, 'private-pending').filter({ hasText: text })).toHaveCount(1)
  return field
}

test.describe('Stilles Sammeln offline', () => {
  test('a private card written offline waits on the device, survives a reload and arrives when back, still private', async ({
    board,
    workshop,
    newUser,
    hasTouch,
  }, testInfo) => {
    test.setTimeout(180_000)
    const ada = await newUser('Ada')
    const ben = await newUser('Ben')
    await board.open(workshop.boardId, workshop.facilitatorToken)
    await ada.board.open(workshop.boardId, ada.participant.token)
    await ben.board.open(workshop.boardId, ben.participant.token)
    await Promise.all([board.waitForConnected(), ada.board.waitForConnected(), ben.board.waitForConnected()])

    await startPhase(board, ada.board)

    const secret = 'Leise Idee aus dem Funkloch'
    await writeOffline(ada.context, ada.board, secret)
    const pending = visible(ada.board.page, 'private-pending')
    await expect(pending).toHaveCount(1)
    await expect(pending).toContainText(secret)
    await expect(pending).toContainText('Will be sent once you are connected again')
    if (shots) {
      mkdirSync(shotDir, { recursive: true })
      const size = hasTouch ? 'tablet' : 'desktop'
      await ada.board.page.screenshot({ path: path.join(shotDir, `private-phase-offline-pending-${size}.png`) })
    }

    // A reload while still offline: the card is still waiting, on this device only. (For the
    // phone screenshot the tablet reloads at phone size, where the tray sits in the idea list.)
    const phoneShot = shots && testInfo.project.name === 'tablet-chromium'
    if (phoneShot) await ada.board.page.setViewportSize({ width: 390, height: 844 })
    await ada.board.page.reload()
    await ada.board.waitForMounted()
    await expect(visible(ada.board.page, 'private-pending')).toContainText(secret)
    // The board state is not known yet, but the device remembers the phase: a card written now stays private.
    await expect(visible(ada.board.page, 'add-idea-text')).toHaveAttribute('placeholder', /shown only at the reveal/)
    if (phoneShot)
      await ada.board.page.screenshot({ path: path.join(shotDir, 'private-phase-offline-pending-phone.png') })
    await expect(board.page.getByTestId('private-controls-count')).toHaveText('0 cards written')

    // While they wait she may change a card, or delete it: only her device knows them yet.
    const draft = 'Entwurf, den sie verwirft'
    await writeWaiting(ada.board, draft)
    await expect(visible(ada.board.page, 'private-pending-text')).toHaveText([secret, draft])
    const first = visible(ada.board.page, 'private-pending').filter({ hasText: secret })
    await press(ada.board, first.getByRole('button', { name: /^Edit card/ }))
    const edited = `${secret}, geändert`
    const editField = first.getByRole('textbox', { name: 'Text of your private card' })
    await editField.fill(edited)
    await editField.press('Enter')
    const second = visible(ada.board.page, 'private-pending').filter({ hasText: draft })
    await press(ada.board, second.getByRole('button', { name: /^Delete card/ }))
    await expect(visible(ada.board.page, 'private-pending-text')).toHaveText([edited])
    // Kept on the device: a reload still shows the change.
    await ada.board.page.reload()
    await ada.board.waitForMounted()
    await expect(visible(ada.board.page, 'private-pending-text')).toHaveText([edited])

    // Back online: the card reaches the server once, in the tray as an ordinary private card.
    await ada.context.setOffline(false)
    await ada.board.waitForConnected(60_000)
    await expect(board.page.getByTestId('private-controls-count')).toHaveText('1 card written')
    await expect(visible(ada.board.page, 'private-pending')).toHaveCount(0)
    await expect(visible(ada.board.page, 'private-card-text')).toHaveText([edited])
    await expect(
      visible(ben.board.page, 'private-tray-dock').or(visible(ben.board.page, 'private-tray-list')),
    ).toContainText('Others have written 1 card')
    // Ben never sees its text, nor does anyone's board hold it.
    expect(await ben.board.page.locator('body').innerText()).not.toContain(secret)
    expect(await board.page.locator('body').innerText()).not.toContain(draft)
    for (const page of [ada.board.page, ben.board.page, board.page]) expect(await boardTexts(page)).toEqual([])
    // After another reload nothing is sent twice.
    await ada.board.page.reload()
    await ada.board.waitForConnected(60_000)
    await expect(visible(ada.board.page, 'private-card-text')).toHaveText([edited])
    await expect(board.page.getByTestId('private-controls-count')).toHaveText('1 card written')
  })

  test('back online without a reload, the page reconnects by itself and the card arrives', async ({
    board,
    workshop,
    newUser,
  }) => {
    test.setTimeout(120_000)
    const ada = await newUser('Ada')
    await board.open(workshop.boardId, workshop.facilitatorToken)
    await ada.board.open(workshop.boardId, ada.participant.token)
    await Promise.all([board.waitForConnected(), ada.board.waitForConnected()])
    await startPhase(board, ada.board)
    const text = 'Geschrieben im Tunnel'
    await writeOffline(ada.context, ada.board, text)
    // No reload: the browser reports the network back, the board reconnects at once (not after
    // the reconnect backoff, and not only once the old socket times out).
    await ada.context.setOffline(false)
    await ada.board.waitForConnected(15_000)
    await expect(board.page.getByTestId('private-controls-count')).toHaveText('1 card written', { timeout: 15_000 })
    await expect(visible(ada.board.page, 'private-card-text')).toHaveText([text])
    await expect(visible(ada.board.page, 'private-pending')).toHaveCount(0)
    // Revealed, it is on the board like any other private card.
    await press(board, board.page.getByTestId('private-reveal'))
    await expect(board.page.getByTestId('private-start')).toBeVisible()
    await expect.poll(() => boardTexts(board.page)).toEqual([text])
  })

  test('a card that arrives after the reveal is not lost: its text goes back into the idea field', async ({
    board,
    workshop,
    newUser,
    hasTouch,
  }) => {
    test.setTimeout(180_000)
    const ada = await newUser('Ada')
    await board.open(workshop.boardId, workshop.facilitatorToken)
    await ada.board.open(workshop.boardId, ada.participant.token)
    await Promise.all([board.waitForConnected(), ada.board.waitForConnected()])
    await startPhase(board, ada.board)
    const late = 'Zu spät für die Runde'
    const field = await writeOffline(ada.context, ada.board, late)

    // Meanwhile the facilitator reveals (nothing to reveal from Ada yet) and the phase ends.
    await press(board, board.page.getByTestId('private-reveal'))
    await expect(board.page.getByTestId('private-start')).toBeVisible()

    // Back online without a reload: the page reconnects on the browser's "online" (BoardConnection).
    await expect(visible(ada.board.page, 'private-pending')).toContainText(late)
    await ada.context.setOffline(false)
    await ada.board.waitForConnected(60_000)
    const refused = visible(ada.board.page, 'private-undelivered')
    await expect(refused).toContainText('Silent collecting had already ended')
    await expect(refused).toContainText(late)
    await expect(visible(ada.board.page, 'private-pending')).toHaveCount(0)
    // Nobody's board got the text on Ada's behalf.
    for (const page of [ada.board.page, board.page]) expect(await boardTexts(page)).toEqual([])
    if (shots)
      await ada.board.page.screenshot({
        path: path.join(shotDir, `private-phase-offline-ended-${hasTouch ? 'tablet' : 'desktop'}.png`),
      })

    // She takes the text into the (now public) idea field and posts it herself.
    const reuse = refused.getByRole('button', { name: 'Put into the idea field' })
    await press(ada.board, reuse)
    await expect(refused).toHaveCount(0)
    await expect(field).toHaveValue(late)
    await field.focus()
    await ada.board.page.keyboard.press('Enter')
    await expect.poll(() => boardTexts(board.page)).toEqual([late])
  })
})
