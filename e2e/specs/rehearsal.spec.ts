import { fileURLToPath } from 'node:url'
import type { Page } from '@playwright/test'
import { listIdeas } from '../fixtures/api.ts'
import { expect, test } from '../fixtures/test.ts'
import { BoardPage, type ScreenBox } from '../pages/BoardPage.ts'
import {
  DEVICES,
  type Device,
  expectNoOverlaps,
  intersects,
  openAs,
  postIdea,
  shapes,
  toScreen,
  workshopWithTemplate,
} from '../pages/boardLayout.ts'

/**
 * The rehearsal of issue 13, played as a Thementisch plays it: seven participants — two tablets,
 * four phones, one laptop — post three ideas each through the "add idea" field; the facilitator
 * creates three Themengruppen by clicking, renames one by double-clicking its title, drags three
 * cards into each, presses "Ordnen" and merges two duplicates; a late joiner arrives. Then what a
 * person would check: no two cards overlap, no cluster overlaps another, every card is in view
 * after "Alles zeigen" and its text is not cut off, the counts agree on every device, and the
 * late joiner's first screen shows every card. Every action is pointer, touch or keys; the board
 * is only read through `window.__pinnwand`. The inputs each step takes are counted and attached.
 * Runs in both topologies (one instance; two behind a round-robin proxy).
 */

const screenshots = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url))

const PEOPLE: { name: string; device: Device; ideas: string[] }[] = [
  { name: 'Tara', device: 'tablet', ideas: ['Radwege ausbauen', 'Nachtbus bis 1 Uhr', 'Carsharing am Bahnhof'] },
  { name: 'Theo', device: 'tablet', ideas: ['Lastenräder leihen', 'Tempo 30 vor Schulen', 'Mitfahrbänke'] },
  { name: 'Pia', device: 'phone', ideas: ['Mehr Radwege', 'Bänke im Park', 'Schattenbäume am Markt'] },
  { name: 'Paul', device: 'phone', ideas: ['Trinkbrunnen', 'Café in der Bücherei', 'Offenes WLAN'] },
  { name: 'Pauline', device: 'phone', ideas: ['Gemeinschaftsgärten', 'Repair-Café', 'Tauschregal'] },
  { name: 'Peer', device: 'phone', ideas: ['Wohnungen für Studierende', 'Mehrgenerationenhaus', 'Leerstand nutzen'] },
  { name: 'Dana', device: 'desktop', ideas: ['Bürgerbus am Abend', 'Jugendtreff', 'Sportplatz öffnen'] },
]
/** Three ideas per cluster, dragged by the facilitator. */
const SORTING = [
  {
    title: 'Mobilität',
    renamed: 'Unterwegs im Quartier',
    ideas: ['Nachtbus bis 1 Uhr', 'Lastenräder leihen', 'Tempo 30 vor Schulen'],
  },
  { title: 'Treffpunkte', ideas: ['Café in der Bücherei', 'Repair-Café', 'Jugendtreff'] },
  { title: 'Wohnen', ideas: ['Wohnungen für Studierende', 'Mehrgenerationenhaus', 'Leerstand nutzen'] },
]
/** Two ideas that say the same; the facilitator merges them ("Doppelte zusammenführen"). */
const DUPLICATES = ['Mehr Radwege', 'Radwege ausbauen']
const TOTAL = PEOPLE.length * 3 - 1

/**
 * What each step takes a person (clicks, taps, drags, key presses; typing a text not counted),
 * noted when the step is done, for the closing note of the issue.
 */
const inputs = new Map<string, number>()
const note = (step: string, n: number) => inputs.set(step, n)

const titleOf = (box: ScreenBox) => ({
  x: box.x + Math.min(70, box.w / 4),
  y: box.y + Math.max(6, Math.min(24, box.h / 10)),
})

async function pressShowEverything(board: BoardPage, step: string) {
  const button = board.page.getByTestId('show-everything')
  await (board.touch ? button.tap() : button.click())
  note(step, 1)
  // The camera glides there; measure once it has arrived.
  await board.page.waitForTimeout(500)
}

/** Idea cards out of view, and cards whose text runs out of the card (read from the page). */
async function unreadableCards(page: Page) {
  return page.evaluate(() => {
    const editor = window.__pinnwand!.editor
    const view = editor.getViewportPageBounds()
    const outOfView = editor
      .getCurrentPageShapes()
      .filter((shape) => shape.type === 'idea-card')
      .filter((shape) => {
        const b = editor.getShapePageBounds(shape.id)!
        return b.minX < view.minX || b.minY < view.minY || b.maxX > view.maxX || b.maxY > view.maxY
      })
      .map((shape) => String(shape.props.text))
    const clipped = Array.from(document.querySelectorAll('[data-testid="idea-card"]') as ArrayLike<HTMLElement>)
      .filter((card) => {
        const text = card.querySelector('.pw-idea-card__text') as HTMLElement | null
        if (!text) return true
        const author = card.querySelector('.pw-idea-card__author') as HTMLElement | null
        const bottom = (author ?? card).getBoundingClientRect()[author ? 'top' : 'bottom']
        return text.scrollHeight > text.clientHeight + 1 || text.getBoundingClientRect().bottom > bottom + 1
      })
      .map((card) => card.innerText.split('\n')[0] ?? '')
    return { outOfView, clipped }
  })
}

function expectTidyBoard(all: Awaited<ReturnType<typeof shapes>>) {
  const cards = all.filter((s) => s.type === 'idea-card')
  const clusters = all.filter((s) => s.type === 'cluster')
  expect(cards).toHaveLength(TOTAL)
  expect(clusters).toHaveLength(3)
  expectNoOverlaps(cards)
  for (let i = 0; i < clusters.length; i++)
    for (let j = i + 1; j < clusters.length; j++)
      expect(intersects(clusters[i]!, clusters[j]!), `${clusters[i]!.text} overlaps ${clusters[j]!.text}`).toBe(false)
  // Clustered cards lie inside their cluster, below its title; loose cards lie in no cluster.
  for (const card of cards) {
    const cluster = clusters.find((c) => c.id === card.parentId)
    if (cluster) {
      expect(card.x, `"${card.text}" inside "${cluster.text}"`).toBeGreaterThanOrEqual(cluster.x)
      expect(card.x + card.w).toBeLessThanOrEqual(cluster.x + cluster.w + 1)
      expect(card.y).toBeGreaterThanOrEqual(cluster.y + 40)
      expect(card.y + card.h).toBeLessThanOrEqual(cluster.y + cluster.h + 1)
    } else {
      for (const c of clusters) expect(intersects(card, c), `loose "${card.text}" lies on "${c.text}"`).toBe(false)
    }
  }
}

test(
  'rehearsal: seven people on phones, tablets and a laptop fill a board that stays readable',
  { tag: '@desktop' },
  async ({ browser, server, topology }, testInfo) => {
    test.setTimeout(topology === 'cluster' ? 1_200_000 : 900_000)
    const workshop = await workshopWithTemplate(server.url, 'blank', {
      title: 'Tisch 3',
      question: 'Was macht unser Quartier 2030 lebenswert?',
    })
    const shot = (page: Page, step: string, device: string) =>
      page.screenshot({ path: testInfo.outputPath(`${step}-${device}.png`) })

    const facilitatorContext = await browser.newContext({ ...DEVICES.desktop, baseURL: server.url, locale: 'de-DE' })
    const facilitator = new BoardPage(await facilitatorContext.newPage(), { touch: false })
    await facilitator.open(workshop.boardId, workshop.facilitatorToken)
    await facilitator.waitForConnected(40_000)
    const fpage = facilitator.page

    // 1. Everyone joins and posts three ideas, in turns, so devices post into the area at once.
    const people = []
    for (const person of PEOPLE) people.push(await openAs(browser, server.url, person.device, workshop, person.name))
    for (const n of [0, 1, 2]) {
      for (const [i, person] of people.entries()) {
        await postIdea(person.page, PEOPLE[i]!.ideas[n]!, person.board.touch)
      }
    }
    // Tap the field, type, tap "Posten" (touch) — or click, type, Enter (laptop).
    note('post an idea', 2)
    await expect.poll(async () => (await shapes(fpage)).filter((s) => s.type === 'idea-card').length).toBe(TOTAL + 1)
    for (const person of people) await shot(person.page, '1-ideas-posted', `${person.device}-${person.name}`)
    const posted = (await shapes(fpage)).filter((s) => s.type === 'idea-card')
    expectNoOverlaps(posted)

    // 2. The facilitator creates three clusters by clicking with the cluster tool, and names them.
    await pressShowEverything(facilitator, 'show everything')
    const canvas = (await facilitator.canvas.boundingBox())!
    for (const [i, { title }] of SORTING.entries()) {
      const content = (await shapes(fpage)).reduce(
        (box, s) => ({ right: Math.max(box.right, s.x + s.w), top: Math.min(box.top, s.y) }),
        { right: -Infinity, top: Infinity },
      )
      const wanted = await toScreen(fpage, { x: content.right + 400, y: content.top + 80 })
      const point = {
        x: Math.min(wanted.x, canvas.x + canvas.width - 160),
        y: Math.min(canvas.y + canvas.height - 200, Math.max(canvas.y + 120, wanted.y + i * 40)),
      }
      const tool = fpage.getByTestId('tools.pw-cluster')
      await tool.click()
      await facilitator.tapAt(point)
      // Cluster tool, click on the board, type the name, Enter.
      note('new cluster (tool, click, name, Enter)', 3)
      const titleField = fpage.getByTestId('cluster-title')
      await expect(titleField).toBeFocused()
      await fpage.keyboard.press('ControlOrMeta+a')
      await fpage.keyboard.type(title)
      await fpage.keyboard.press('Enter')
      await expect
        .poll(async () => (await shapes(fpage)).filter((s) => s.type === 'cluster').map((s) => s.text))
        .toContain(title)
      await fpage.keyboard.press('Escape')
      await pressShowEverything(facilitator, 'show everything (between clusters)')
    }
    await shot(fpage, '2-clusters-created', 'desktop-facilitator')
    const clusterId = async (title: string) =>
      (await shapes(fpage)).find((s) => s.type === 'cluster' && s.text === title)!.id

    // 3. Rename one by double-clicking its title.
    {
      const id = await clusterId(SORTING[0]!.title)
      await facilitator.doubleTapAt(titleOf(await facilitator.screenBox(id)))
      const titleField = fpage.getByTestId('cluster-title')
      await expect(titleField).toBeFocused()
      await fpage.keyboard.press('ControlOrMeta+a')
      await fpage.keyboard.type(SORTING[0]!.renamed!)
      await fpage.keyboard.press('Enter')
      note('rename a cluster (double-click, type, Enter)', 2)
      await expect.poll(async () => (await shapes(fpage)).find((s) => s.id === id)?.text).toBe(SORTING[0]!.renamed)
      SORTING[0]!.title = SORTING[0]!.renamed!
      await fpage.keyboard.press('Escape')
    }

    // 4. Three cards into each cluster, dragged with the mouse.
    await pressShowEverything(facilitator, 'show everything')
    for (const { title, ideas } of SORTING) {
      const id = await clusterId(title)
      for (const text of ideas) {
        const card = (await shapes(fpage)).find((s) => s.type === 'idea-card' && s.text === text)!
        const from = await toScreen(fpage, { x: card.x + card.w / 2, y: card.y + card.h / 2 })
        const box = await facilitator.screenBox(id)
        await facilitator.dragAt(from, { x: box.x + box.w / 2, y: box.y + box.h * 0.6 })
        note('move a card into a cluster (one drag)', 1)
        await expect
          .poll(async () => (await shapes(fpage)).find((s) => s.text === text)?.parentId, {
            message: `"${text}" in ${title}`,
          })
          .toBe(id)
      }
    }
    await shot(fpage, '4-cards-sorted', 'desktop-facilitator')

    // 5. "Ordnen" in each cluster: click it, press the button.
    for (const { title } of SORTING) {
      const id = await clusterId(title)
      await facilitator.tapAt(titleOf(await facilitator.screenBox(id)))
      await expect.poll(() => facilitator.selectedIds()).toEqual([id])
      await fpage.getByTestId('cluster-tidy').click()
      note('Ordnen (click the cluster, the button)', 2)
      await fpage.keyboard.press('Escape')
    }

    // 6. "Doppelte zusammenführen": click one, shift-click the other, press the button.
    await pressShowEverything(facilitator, 'show everything')
    {
      const [first, second] = await Promise.all(
        DUPLICATES.map(async (text) => (await shapes(fpage)).find((s) => s.type === 'idea-card' && s.text === text)!),
      )
      const at = (card: typeof first) => toScreen(fpage, { x: card!.x + card!.w / 2, y: card!.y + card!.h / 2 })
      const one = await at(first)
      const other = await at(second)
      await fpage.mouse.click(one.x, one.y)
      await fpage.keyboard.down('Shift')
      await fpage.mouse.click(other.x, other.y)
      await fpage.keyboard.up('Shift')
      const merge = fpage.getByTestId('merge-toolbar').getByRole('button')
      await expect(merge).toHaveText('Doppelte zusammenführen (2)')
      await merge.click()
      note('merge duplicates (click, shift-click, button)', 3)
      await expect.poll(async () => (await shapes(fpage)).filter((s) => s.type === 'idea-card').length).toBe(TOTAL)
      const merged = await fpage.evaluate((id) => {
        const shape = window.__pinnwand!.editor.getShape(id)!
        return { text: shape.props.text, meta: shape.meta }
      }, first!.id)
      expect(merged.text).toBe('Mehr Radwege\n\nRadwege ausbauen')
      expect((merged.meta as { mergedFrom?: { author: string }[] }).mergedFrom?.map((m) => m.author)).toEqual(['Tara'])
    }

    // What a person checks: the board is tidy, on the facilitator's screen and on every device.
    await pressShowEverything(facilitator, 'show everything')
    expectTidyBoard(await shapes(fpage))
    await expect.poll(() => unreadableCards(fpage)).toEqual({ outOfView: [], clipped: [] })
    await shot(fpage, '6-final', 'desktop-facilitator')
    const layout = JSON.stringify(
      (await shapes(fpage))
        .map((s) => [s.id, Math.round(s.x), Math.round(s.y), Math.round(s.w), Math.round(s.h)])
        .sort(),
    )
    for (const person of people) {
      await expect
        .poll(
          async () =>
            JSON.stringify(
              (await shapes(person.page))
                .map((s) => [s.id, Math.round(s.x), Math.round(s.y), Math.round(s.w), Math.round(s.h)])
                .sort(),
            ),
          { message: `${person.name}'s board (${person.device}) shows the same layout`, timeout: 20_000 },
        )
        .toBe(layout)
    }
    // The counts agree: the phone's idea list, the API.
    const phone = people.find((p) => p.device === 'phone')!
    await expect(phone.page.getByTestId('idea-list').getByRole('heading', { level: 2 })).toHaveText(`${TOTAL} Ideen`)
    const stored = await listIdeas(server.url, workshop.boardId, workshop.facilitatorToken)
    expect(stored.ideas).toHaveLength(TOTAL)
    expect(stored.clusters.map((c) => c.title).sort()).toEqual(SORTING.map((s) => s.title).sort())
    expect(stored.ideas.filter((i) => i.clusterId !== null)).toHaveLength(9)

    // Every device: after "Alles zeigen", every card is in view and none is cut off.
    const finalShots: [Device, (typeof people)[number]][] = [
      ['desktop', people.find((p) => p.device === 'desktop')!],
      ['tablet', people.find((p) => p.device === 'tablet')!],
      ['phone', phone],
    ]
    for (const [device, person] of finalShots) {
      // The phone shows the idea list first; the board is one tap away.
      if (device === 'phone' && (await person.page.getByTestId('panel-ideas').isVisible()))
        await person.page.getByTestId('panel-tab-ideas').tap()
      await pressShowEverything(person.board, 'show everything')
      await expect
        .poll(() => unreadableCards(person.page), { message: `${device}: every card in view and readable` })
        .toEqual({ outOfView: [], clipped: [] })
      await person.page.screenshot({ path: `${screenshots}rehearsal-${device}.png` })
    }
    for (const person of people)
      if (person !== phone && !finalShots.some(([, p]) => p === person)) await person.context.close()

    // 7. A late joiner on a laptop: her first screen shows every card.
    const late = await openAs(browser, server.url, 'desktop', workshop, 'Lena')
    await expect(late.board.cards).toHaveCount(TOTAL)
    await expect.poll(() => unreadableCards(late.page)).toEqual({ outOfView: [], clipped: [] })
    await late.page.screenshot({ path: `${screenshots}rehearsal-late-joiner-desktop.png` })

    const summary = Object.fromEntries(inputs)
    await testInfo.attach('inputs-per-step.json', {
      body: JSON.stringify(summary, null, 2),
      contentType: 'application/json',
    })
    console.log('rehearsal inputs per step', summary)
    await late.context.close()
    for (const [, person] of finalShots) await person.context.close().catch(() => undefined)
    await facilitatorContext.close()
  },
)
