import type { Page } from '@playwright/test'
import { expect, test } from '../fixtures/test.ts'
import { BoardPage } from '../pages/BoardPage.ts'
import {
  DEVICES,
  expectNoOverlaps,
  intersects,
  openAs,
  postIdea,
  shapes,
  toScreen,
  workshopWithTemplate,
} from '../pages/boardLayout.ts'

/**
 * Where new ideas land (issue 13): a phone, a tablet and a desktop participant post ideas through
 * the "add idea" field; every card lands in the Thementisch's collecting area, none on another.
 * A card dragged into a cluster takes a free slot (no pile); on a phone, "Zu Themengruppe
 * verschieben…" in the idea list sorts a card without dragging. People act through pointer,
 * touch and keys only; the board is read through `window.__pinnwand`.
 */

/**
 * A one-finger drag through the DevTools protocol that starts moving at once: on this loaded
 * machine the shared `touchDrag`'s pause before the first move can outlast tldraw's long press,
 * which opens the context menu instead of dragging.
 */
async function fingerDrag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }, steps = 10) {
  const cdp = await page.context().newCDPSession(page)
  const touch = (x: number, y: number) => [{ x, y, id: 1, radiusX: 4, radiusY: 4, force: 1 }]
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: touch(from.x, from.y) })
  for (let i = 1; i <= steps; i++) {
    const x = from.x + ((to.x - from.x) * i) / steps
    const y = from.y + ((to.y - from.y) * i) / steps
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: touch(x, y) })
  }
  // Let tldraw see the finger rest over the cluster before it lifts.
  await page.waitForTimeout(100)
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: touch(to.x, to.y) })
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] })
  await cdp.detach()
}

/** No two boxes overlap: the board has settled (a device's slot, or the server's repair of a race). */
const apart = (boxes: Parameters<typeof intersects>[0][]) =>
  boxes.every((a, i) => boxes.every((b, j) => i === j || !intersects(a, b)))

test('ideas from a phone, a tablet and a desktop land in the collecting area; drops take free slots', async ({
  browser,
  server,
}, testInfo) => {
  test.setTimeout(420_000)
  const workshop = await workshopWithTemplate(server.url, 'thementisch', {
    title: 'Mobilität',
    question: 'Wie kommen wir 2030 klimafreundlich zur Arbeit?',
  })
  const people = [
    await openAs(browser, server.url, 'phone', workshop, 'Pia'),
    await openAs(browser, server.url, 'tablet', workshop, 'Tom'),
    await openAs(browser, server.url, 'desktop', workshop, 'Dana'),
  ]
  const facilitatorContext = await browser.newContext({ ...DEVICES.desktop, baseURL: server.url, locale: 'de-DE' })
  const facilitatorPage = await facilitatorContext.newPage()
  const facilitator = new BoardPage(facilitatorPage, { touch: false })
  await facilitator.open(workshop.boardId, workshop.facilitatorToken)
  await facilitator.waitForConnected()

  const texts = people.flatMap((person) => [1, 2, 3].map((n) => `${person.name}: Idee ${n}`))
  // Taken in turns, so the three devices post into the same area at the same time.
  for (const n of [0, 1, 2]) {
    for (const [i, person] of people.entries()) {
      await postIdea(person.page, texts[i * 3 + n]!, person.board.touch)
    }
  }
  // A long idea is taller: it must not cover the row below.
  await postIdea(
    people[2]!.page,
    'Dana: Eine längere Idee – Busse fahren abends öfter, Radwege werden durchgehend, und der Bahnhof bekommt sichere Abstellplätze.',
    false,
  )

  // Two devices (maybe on two instances) can fill the same slot at once; the server moves the
  // later card to the next free slot (OverlapRepair), so wait for the board to settle.
  await expect
    .poll(async () => {
      const cards = (await shapes(facilitatorPage)).filter((s) => s.type === 'idea-card')
      return cards.length === 10 && apart(cards)
    })
    .toBe(true)
  const all = await shapes(facilitatorPage)
  const zone = all.find((s) => s.role === 'collect')!
  expect(zone, 'the Thementisch marks its collecting area').toBeDefined()
  const cards = all.filter((s) => s.type === 'idea-card')
  for (const card of cards) {
    expect(card.parentId, `"${card.text}" is loose on the board`).toBe('page:page')
    expect(card.x, `"${card.text}" inside the collecting area`).toBeGreaterThanOrEqual(zone.x)
    expect(card.x + card.w).toBeLessThanOrEqual(zone.x + zone.w)
    expect(card.y).toBeGreaterThanOrEqual(zone.y + 60)
    expect(card.y + card.h).toBeLessThanOrEqual(zone.y + zone.h)
  }
  expectNoOverlaps(cards)
  // Every device sees the same layout.
  for (const person of people) {
    await expect
      .poll(async () =>
        JSON.stringify(
          (await shapes(person.page))
            .filter((s) => s.type === 'idea-card')
            .map((c) => [c.id, c.x, c.y])
            .sort(),
        ),
      )
      .toBe(JSON.stringify(cards.map((c) => [c.id, c.x, c.y]).sort()))
  }

  // The facilitator drags two cards onto the same spot of "Themengruppe 1": no pile.
  const cluster = all.filter((s) => s.type === 'cluster').sort((a, b) => a.y - b.y)[0]!
  const dropAt = { x: cluster.x + 200, y: cluster.y + 200 }
  for (const text of ['Pia: Idee 1', 'Tom: Idee 1']) {
    const card = (await shapes(facilitatorPage)).find((s) => s.text === text)!
    const from = await toScreen(facilitatorPage, { x: card.x + card.w / 2, y: card.y + 40 })
    const to = await toScreen(facilitatorPage, dropAt)
    await facilitatorPage.mouse.move(from.x, from.y)
    await facilitatorPage.mouse.down()
    await facilitatorPage.mouse.move(to.x, to.y, { steps: 15 })
    await facilitatorPage.mouse.up()
    await expect
      .poll(async () => (await shapes(facilitatorPage)).find((s) => s.text === text)?.parentId)
      .toBe(cluster.id)
  }
  // The tablet drags a third card there with a finger.
  {
    const tablet = people[1]!.page
    // Upright, the tablet opened readable on the collecting area; the clusters are one tap away.
    await tablet.getByTestId('show-everything').tap()
    await tablet.waitForTimeout(500)
    const card = (await shapes(tablet)).find((s) => s.text === 'Dana: Idee 1')!
    const from = await toScreen(tablet, { x: card.x + card.w / 2, y: card.y + 40 })
    const to = await toScreen(tablet, dropAt)
    for (const point of [from, to]) {
      expect(point.x, 'drag points lie on the visible canvas').toBeGreaterThan(0)
      expect(point.x).toBeLessThan(820)
      expect(point.y).toBeGreaterThan(60)
      expect(point.y).toBeLessThan(1000)
    }
    await fingerDrag(tablet, from, to)
    await expect
      .poll(async () => (await shapes(facilitatorPage)).find((s) => s.text === 'Dana: Idee 1')?.parentId)
      .toBe(cluster.id)
  }
  // The card is a child of the cluster as soon as the finger hovers over it; the drop's slot (or,
  // when another instance's drop took the same slot, the server's repair) follows a moment later.
  await expect
    .poll(
      async () => {
        const now = (await shapes(facilitatorPage)).filter((s) => s.parentId === cluster.id)
        return now.length === 3 && apart(now)
      },
      { message: 'three cards in the cluster, none on another' },
    )
    .toBe(true)
  const inCluster = (await shapes(facilitatorPage)).filter((s) => s.parentId === cluster.id)
  expectNoOverlaps(inCluster)
  const clusterNow = (await shapes(facilitatorPage)).find((s) => s.id === cluster.id)!
  for (const card of inCluster) {
    expect(card.x).toBeGreaterThanOrEqual(clusterNow.x)
    expect(card.x + card.w).toBeLessThanOrEqual(clusterNow.x + clusterNow.w)
    expect(card.y).toBeGreaterThanOrEqual(clusterNow.y + 60)
    expect(card.y + card.h).toBeLessThanOrEqual(clusterNow.y + clusterNow.h)
  }

  // On the phone: "Zu Themengruppe verschieben…" in the idea list, no dragging.
  const phone = people[0]!.page
  const target = all.filter((s) => s.type === 'cluster').sort((a, b) => a.y - b.y)[1]!
  const row = phone.getByTestId('idea-list').locator('li').filter({ hasText: 'Pia: Idee 2' })
  await row.getByTestId('move-to-cluster').selectOption({ label: 'Themengruppe 2' })
  await expect
    .poll(async () => (await shapes(facilitatorPage)).find((s) => s.text === 'Pia: Idee 2')?.parentId)
    .toBe(target.id)

  // On the desktop: select a card with a click, then the card toolbar's select.
  const desktop = people[2]!.page
  const card = (await shapes(desktop)).find((s) => s.text === 'Dana: Idee 2')!
  const at = await toScreen(desktop, { x: card.x + card.w / 2, y: card.y + card.h - 20 })
  await desktop.mouse.click(at.x, at.y)
  await desktop.getByTestId('card-toolbar').getByTestId('move-to-cluster').selectOption({ label: 'Themengruppe 2' })
  await expect
    .poll(async () => (await shapes(facilitatorPage)).find((s) => s.text === 'Dana: Idee 2')?.parentId)
    .toBe(target.id)
  await expect
    .poll(async () => {
      const now = await shapes(facilitatorPage)
      return (
        now.filter((s) => s.parentId === target.id).length === 2 && apart(now.filter((s) => s.type === 'idea-card'))
      )
    })
    .toBe(true)
  const inTarget = (await shapes(facilitatorPage)).filter((s) => s.parentId === target.id)
  expectNoOverlaps(inTarget)
  expectNoOverlaps((await shapes(facilitatorPage)).filter((s) => s.type === 'idea-card'))

  // The phone fills "Themengruppe 1" past its edge; a participant may not resize the
  // facilitator's cluster, so the server grows it and the clusters below make way.
  for (const text of ['Tom: Idee 2', 'Pia: Idee 3']) {
    await phone
      .getByTestId('idea-list')
      .locator('li')
      .filter({ hasText: text })
      .getByTestId('move-to-cluster')
      .selectOption({ label: 'Themengruppe 1' })
  }
  await expect
    .poll(
      async () => {
        const now = await shapes(facilitatorPage)
        const grown = now.find((s) => s.id === cluster.id)!
        const cards = now.filter((s) => s.parentId === cluster.id)
        return (
          cards.length === 5 && cards.every((c) => c.y + c.h <= grown.y + grown.h && c.x + c.w <= grown.x + grown.w)
        )
      },
      { message: 'the full cluster grows to hold its five cards' },
    )
    .toBe(true)
  const finalShapes = await shapes(facilitatorPage)
  const clusters = finalShapes.filter((s) => s.type === 'cluster')
  for (let i = 0; i < clusters.length; i++)
    for (let j = i + 1; j < clusters.length; j++)
      expect(intersects(clusters[i]!, clusters[j]!), 'clusters overlap').toBe(false)
  expectNoOverlaps(finalShapes.filter((s) => s.type === 'idea-card'))

  // What each device shows after a reload (the board opens with everything in view).
  for (const [name, page] of [
    ['desktop', desktop],
    ['tablet', people[1]!.page],
    ['phone', phone],
  ] as const) {
    await page.reload()
    await new BoardPage(page, { touch: name !== 'desktop' }).waitForConnected(40_000)
    // Nobody's card may go missing when a device reloads (it once did: see the report of
    // 4 Dec 2026 — "a delete won over a move it crossed" after a participant's reload).
    await expect
      .poll(async () => (await shapes(facilitatorPage)).filter((s) => s.type === 'idea-card').length, {
        message: `all 10 cards are still on the board after the ${name} reloaded`,
      })
      .toBe(10)
    await page.waitForTimeout(600)
    await page.screenshot({ path: testInfo.outputPath(`board-collecting-area-${name}.png`) })
  }
  await facilitatorContext.close()
  for (const person of people) await person.context.close()
})
