import { execFileSync } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { Page } from '@playwright/test'
import { IDEA_CARD_TYPE } from '@pinnwand/shared/boardSchema'
import { openProjector, writeCard } from '../fixtures/heldCards.ts'
import { participantOn } from '../fixtures/participantDevice.ts'
import { expect, test } from '../fixtures/test.ts'
import { expectDoneButtonCoversNothing, expectNoVisibleNameTag } from '../pages/phoneLayout.ts'

/** Idea cards on a device's board, with their page bounds (read through the test handle). */
const boardCards = (page: Page) =>
  page.evaluate((type) => {
    const editor = window.__pinnwand!.editor
    return editor
      .getCurrentPageShapes()
      .filter((shape) => shape.type === type)
      .map((shape) => {
        const props = shape.props as { text: string; author: string; authorId: string }
        const b = editor.getShapePageBounds(shape.id)!
        return { text: props.text, author: props.author, authorId: props.authorId, x: b.x, y: b.y, w: b.w, h: b.h }
      })
  }, IDEA_CARD_TYPE)

/** Presses an export button and returns the downloaded file. */
async function download(page: Page, testId: string): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()])
  return readFile(await file.path())
}

/** The PDF's text through poppler's pdftotext (Debian: poppler-utils; `.ci/run` installs it). */
function pdfToText(pdf: Buffer): string {
  try {
    return execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: pdf }).toString('utf8')
  } catch (cause) {
    throw new Error('pdftotext failed; is poppler-utils installed (apt-get install poppler-utils)?', { cause })
  }
}

/** Text without whitespace, Unicode-normalised: a report may wrap a line anywhere. */
const squash = (text: string) => text.normalize('NFKC').replace(/\s+/g, '')

const shots = process.env.PINNWAND_SCREENSHOTS === '1'
const shotDir = path.join(import.meta.dirname, '../../docs/screenshots')

test.describe('Stilles Sammeln', () => {
  test(
    'four people write privately on phones and tablets, see only their own and the count; an anonymous reveal shows all, and the PDF and JSON exports carry no names',
    { tag: '@desktop' },
    async ({ browser, board, workshop, server }) => {
      test.setTimeout(420_000)
      // Two phones, two tablets; full names, so a name in an export cannot hide in an ordinary word.
      const phone = await participantOn(browser, server.url, workshop, 'Pia Wendler', 'phone')
      const tablet = await participantOn(browser, server.url, workshop, 'Tom Brandt', 'tablet')
      const phone2 = await participantOn(browser, server.url, workshop, 'Ada Kowalski', 'phone')
      const tablet2 = await participantOn(browser, server.url, workshop, 'Ben Okafor', 'tablet')
      const people = [phone, tablet, phone2, tablet2]
      const projector = await openProjector(browser, server.url, workshop)
      await board.open(workshop.boardId, workshop.facilitatorToken)
      await board.waitForConnected()

      // The facilitator (an English browser) starts the phase from the Moderation panel.
      await board.page.getByTestId('panel-tab-facilitation').click()
      await board.page.getByTestId('private-start').click()
      await expect(board.page.getByTestId('private-controls-count')).toHaveText('0 cards written')

      // Pia on her phone: the tray sits in the idea list, under the field.
      const piaTray = phone.board.page.getByTestId('private-tray-list')
      await expect(piaTray).toBeVisible()
      await expect(piaTray).toContainText('nur für Sie sichtbar')
      await writeCard(phone.board.page, 'Schattenplätze am Markt')
      await expect(piaTray.getByTestId('private-card-text')).toHaveText(['Schattenplätze am Markt'])
      // "Ich bin fertig" covers none of the tray's buttons; no stray name tag in her top bar.
      await expectDoneButtonCoversNothing(phone.board.page, piaTray)
      await expectNoVisibleNameTag(phone.board.page)

      // Tom on his tablet: the tray docks above the field on the canvas.
      const tomTray = tablet.board.page.getByTestId('private-tray-dock')
      await expect(tomTray).toBeVisible()
      await writeCard(tablet.board.page, 'Trinkbrunnen')
      await writeCard(tablet.board.page, 'Tippfehlr')
      await writeCard(tablet.board.page, 'Wird gelöscht')
      await expect(tomTray.getByTestId('private-card')).toHaveCount(3)
      // He corrects one card and deletes another, by touch.
      const typo = tomTray.getByTestId('private-card').filter({ hasText: 'Tippfehlr' })
      await typo.getByRole('button', { name: /bearbeiten/ }).tap()
      const editField = tomTray.getByLabel('Text Ihrer privaten Karte')
      await editField.fill('Mehr Bänke')
      await tomTray.getByRole('button', { name: 'Speichern' }).tap()
      await tomTray
        .getByTestId('private-card')
        .filter({ hasText: 'Wird gelöscht' })
        .getByRole('button', { name: /löschen/ })
        .tap()
      await expect(tomTray.getByTestId('private-card-text')).toHaveText(['Trinkbrunnen', 'Mehr Bänke'])

      // Ada on the second phone, Ben on the second tablet.
      const adaTray = phone2.board.page.getByTestId('private-tray-list')
      await writeCard(phone2.board.page, 'Radweg zur Schule')
      await expect(adaTray.getByTestId('private-card-text')).toHaveText(['Radweg zur Schule'])
      const benTray = tablet2.board.page.getByTestId('private-tray-dock')
      await writeCard(tablet2.board.page, 'Nachtbus am Wochenende')
      await writeCard(tablet2.board.page, 'Offene Schulhöfe')
      await expect(benTray.getByTestId('private-card-text')).toHaveText(['Nachtbus am Wochenende', 'Offene Schulhöfe'])

      // Each sees only their own cards and the others' count; nothing is on anyone's board.
      const own = [
        ['Schattenplätze am Markt'],
        ['Trinkbrunnen', 'Mehr Bänke'],
        ['Radweg zur Schule'],
        ['Nachtbus am Wochenende', 'Offene Schulhöfe'],
      ]
      const allTexts = own.flat()
      await expect(phone.board.page.getByTestId('private-others-list')).toHaveText('Andere haben 5 Karten geschrieben')
      await expect(tablet.board.page.getByTestId('private-others-dock')).toHaveText('Andere haben 4 Karten geschrieben')
      await expect(phone2.board.page.getByTestId('private-others-list')).toHaveText('Andere haben 5 Karten geschrieben')
      await expect(tablet2.board.page.getByTestId('private-others-dock')).toHaveText(
        'Andere haben 4 Karten geschrieben',
      )
      for (const [i, person] of people.entries()) {
        const theirs = allTexts.filter((text) => !own[i]!.includes(text))
        // Neither in the page nor in anything the test handle can read (board store, shared document).
        const seen = await person.board.page.evaluate(() => {
          const handle = window.__pinnwand!
          const doc = handle.doc as { toJSON(): unknown }
          return [
            document.documentElement.outerHTML,
            JSON.stringify(handle.editor.store.serialize()),
            JSON.stringify(doc.toJSON()),
          ].join('\n')
        })
        for (const text of own[i]!) expect(seen).toContain(text)
        for (const text of theirs) expect(seen, `${person.participant.name} sees "${text}"`).not.toContain(text)
      }
      for (const page of [...people.map((p) => p.board.page), board.page, projector.page]) {
        expect(await boardCards(page)).toEqual([])
      }
      await expect(board.page.getByTestId('private-controls-count')).toHaveText('6 cards written')
      // The projector shows the count, never a text.
      await expect(projector.page.getByTestId('projector-private')).toContainText('6 Karten geschrieben')
      const screenText = await projector.page.locator('body').innerText()
      for (const secret of allTexts) expect(screenText).not.toContain(secret)

      if (shots) {
        mkdirSync(shotDir, { recursive: true })
        await phone.board.page.screenshot({ path: path.join(shotDir, 'private-phase-phone.png') })
        await tablet.board.page.screenshot({ path: path.join(shotDir, 'private-phase-tablet.png') })
        await board.page.screenshot({ path: path.join(shotDir, 'private-phase-facilitator-desktop.png') })
        await projector.page.screenshot({ path: path.join(shotDir, 'private-phase-projector-1920.png') })
      }

      // Anonymous reveal: the box is ticked with the keyboard, the button pressed.
      await board.page.getByTestId('private-anonymous').focus()
      await board.page.keyboard.press('Space')
      await expect(board.page.getByTestId('private-anonymous')).toBeChecked()
      await board.page.getByTestId('private-reveal').click()
      await expect(board.page.getByTestId('private-start')).toBeVisible()

      const expected = [...allTexts].sort()
      for (const page of [...people.map((p) => p.board.page), board.page, projector.page]) {
        await expect.poll(async () => (await boardCards(page)).map((c) => c.text).sort()).toEqual(expected)
      }
      const cards = await boardCards(tablet.board.page)
      for (const card of cards) expect([card.author, card.authorId]).toEqual(['', ''])
      // Nor does any device hold a person record (tldraw's `user:`, name and colour) of anyone.
      for (const page of [tablet.board.page, board.page]) {
        const users = await page.evaluate(() =>
          Object.values(window.__pinnwand!.editor.store.serialize()).filter(
            (record) => (record as { typeName?: string }).typeName === 'user',
          ),
        )
        expect(users).toEqual([])
      }
      // In the collecting area's grid: no card on top of another.
      for (const [i, a] of cards.entries()) {
        for (const b of cards.slice(i + 1)) {
          const overlaps = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h
          expect(overlaps, `${a.text} / ${b.text}`).toBe(false)
        }
      }
      for (const tray of [piaTray, tomTray, adaTray, benTray]) await expect(tray).toHaveCount(0)
      await expect(projector.page.getByTestId('projector-private')).toHaveCount(0)
      if (shots) await tablet.board.page.screenshot({ path: path.join(shotDir, 'private-phase-revealed-tablet.png') })

      // The record: the facilitator asks for names in the report, so only the anonymous reveal keeps
      // them out; then downloads the PDF and the JSON backup.
      await board.page.getByTestId('panel-tab-export').click()
      await board.page.getByTestId('export-settings').locator('summary').click()
      await board.page.getByTestId('export-show-authors').check()
      const pdf = await download(board.page, 'export-pdf')
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-')
      const backup = JSON.parse((await download(board.page, 'export-json')).toString('utf8')) as {
        document: { records: { typeName: string; id: string }[] }
      }
      // No person records either: tldraw's `user:` records are not board content (decision 33).
      expect(backup.document.records.filter((record) => record.typeName === 'user')).toEqual([])
      const texts = { PDF: squash(pdfToText(pdf)), JSON: squash(JSON.stringify(backup)) }
      for (const [format, text] of Object.entries(texts)) {
        for (const card of allTexts) expect(text, `${format} has "${card}"`).toContain(squash(card))
        for (const { participant } of people) {
          for (const name of [participant.name, participant.name.split(' ')[1]!]) {
            expect(text, `${format} names ${name}`).not.toContain(squash(name))
          }
          expect(text, `${format} has ${participant.name}'s id`).not.toContain(participant.participantId)
        }
      }
      for (const person of people) await person.context.close()
      await projector.context.close()
    },
  )
})
