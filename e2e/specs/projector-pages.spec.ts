import {
  createWorkshop,
  giveDot,
  joinWorkshop,
  openRound,
  postIdea,
  projectorToken,
  revealRound,
} from '../fixtures/api.ts'
import { expect, test } from '../fixtures/test.ts'

/** Ten ideas of about 200 characters: on a 1280×720 beamer the ranking needs several pages. */
const IDEAS = Array.from(
  { length: 10 },
  (_, i) =>
    `Idee ${i + 1}: ` +
    'Ein Treffpunkt für alle Generationen im Quartier, mit Werkstatt, Café und Beratung, offen an jedem Abend der Woche und am Wochenende, getragen von Nachbarinnen und Nachbarn, Vereinen und der Stadt.'.slice(
      0,
      190,
    ),
)

test(
  'a ranking in pages is turned by hand: arrows, PageUp/PageDown and the buttons on the projector',
  { tag: '@desktop' },
  async ({ browser, server }) => {
    test.setTimeout(180_000)
    const workshop = await createWorkshop(server.url, 'Zukunftsforum', ['Treffpunkte'])
    const ids: string[] = []
    for (const text of IDEAS) ids.push(await postIdea(server.url, workshop.boardId, workshop.facilitatorToken, text))
    const roundId = await openRound(server.url, workshop.boardId, workshop.facilitatorToken, { dotsPerParticipant: 40 })
    // 10, 9, … 1 dots: ten places, no ties (two voters: 40 dots on the first five, 15 on the rest).
    const voters = [await joinWorkshop(server.url, workshop, 'Ada'), await joinWorkshop(server.url, workshop, 'Ben')]
    for (const [i, id] of ids.entries()) {
      for (let d = 0; d < 10 - i; d++) await giveDot(server.url, roundId, voters[i < 5 ? 0 : 1]!.token, id)
    }
    const screenToken = await projectorToken(server.url, workshop.boardId, workshop.facilitatorToken)
    const context = await browser.newContext({
      baseURL: server.url,
      viewport: { width: 1280, height: 720 },
      locale: 'de-DE',
    })
    const screen = await context.newPage()
    await screen.goto(`/b/${workshop.boardId}?token=${encodeURIComponent(screenToken)}`)
    await expect(screen.getByTestId('projector-view')).toBeVisible({ timeout: 60_000 })
    // Revealing puts the whole ranking on the big screen.
    await revealRound(server.url, roundId, workshop.facilitatorToken)
    const results = screen.getByTestId('projector-results')
    await expect(results).toHaveAttribute('data-ready', 'true', { timeout: 20_000 })
    await expect.poll(async () => Number(await results.getAttribute('data-pages'))).toBeGreaterThan(1)
    const pages = Number(await results.getAttribute('data-pages'))
    const shownPage = async () => {
      const match = /Seite (\d+) von (\d+)/.exec(await results.innerText())
      return match ? Number(match[1]) : 0
    }
    const start = await shownPage()
    expect(start).toBeGreaterThanOrEqual(1)

    // Keys on the projector machine turn the pages (the automatic turning stops).
    const forward = start < pages ? 1 : -1
    await screen.keyboard.press(forward === 1 ? 'ArrowRight' : 'ArrowLeft')
    await expect.poll(shownPage).toBe(start + forward)
    await screen.keyboard.press(forward === 1 ? 'PageUp' : 'PageDown')
    await expect.poll(shownPage).toBe(start)
    // The buttons do the same; at the first page "back" is off.
    while ((await shownPage()) > 1) await screen.getByTestId('projector-page-previous').click()
    await expect(screen.getByTestId('projector-page-previous')).toBeDisabled()
    await screen.getByTestId('projector-page-next').click()
    await expect.poll(shownPage).toBe(2)
    // Each page shows its rows whole: page 2 starts where page 1 ended.
    const firstRank = Number(await screen.getByTestId('projector-result-row').first().getAttribute('data-rank'))
    expect(firstRank).toBeGreaterThan(1)
    for (const size of await screen
      .getByTestId('projector-result-text')
      .evaluateAll((els) => els.map((el) => parseFloat(getComputedStyle(el).fontSize)))) {
      expect(size).toBeGreaterThanOrEqual(28)
    }
    // The pages stay where they were turned (no automatic turning after 12 s).
    await screen.waitForTimeout(13_000)
    expect(await shownPage()).toBe(2)
    await context.close()
  },
)
