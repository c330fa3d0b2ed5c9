/**
 * Issue 18: "the idea list and voting paths stay usable on a 4× throttled CPU during the
 * plenary". A participant's browser under the crowd opens the idea list, searches it, and taps
 * dots in the vote list, as a person does (clicks on visible elements); each is timed from the
 * click or keystroke to what the person sees.
 */
import type { Locator, Page } from 'playwright-core'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/**
 * Clicks the middle of a visible element with the mouse. Its place is read before the clock
 * starts: Playwright's own checks before a `click()` cost hundreds of milliseconds on a throttled
 * page, which a person's tap does not.
 */
async function clickTimed(page: Page, target: Locator): Promise<number> {
  await target.waitFor({ state: 'visible', timeout: 60_000 })
  // An idea low in the list is below the panel's fold: a person scrolls to it first.
  await target.scrollIntoViewIfNeeded({ timeout: 60_000 })
  const box = await settledBox(target)
  const started = Date.now()
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2)
  return started
}

/**
 * The element's box once it stopped moving (a scroll or a panel still settling): on a throttled
 * page a box read too early sends the click beside the button.
 */
async function settledBox(target: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  let box = (await target.boundingBox())!
  for (let i = 0; i < 50; i++) {
    await sleep(100)
    const next = (await target.boundingBox())!
    if (next.x === box.x && next.y === box.y && next.width === box.width && next.height === box.height) return next
    box = next
  }
  return box
}

export interface IdeaListTimings {
  /** Click on the "Ideen" tab until the list shows its ideas. */
  ideaListOpenMs: number
  /** Typing a search until the list shows only the matching ideas. */
  ideaSearchMs: number
}

/** Opens the idea list, searches for `query` (which `expected` ideas match), clears and closes it. */
export async function timeIdeaList(page: Page, query: string, expected: number): Promise<IdeaListTimings> {
  const items = page.getByTestId('idea-list-item')
  const tab = page.getByTestId('panel-tab-ideas')
  let started = await clickTimed(page, tab)
  await items.first().waitFor({ state: 'visible', timeout: 60_000 })
  const ideaListOpenMs = Date.now() - started
  const search = page.getByTestId('idea-search')
  started = Date.now()
  await search.fill(query)
  await page.waitForFunction(
    ([q, n]) => {
      const shown = Array.from(document.querySelectorAll('[data-testid="idea-list-item"]'))
      return shown.length === n && shown.every((el) => el.textContent?.includes(q as string))
    },
    [query, expected] as const,
    { timeout: 60_000, polling: 'raf' },
  )
  const ideaSearchMs = Date.now() - started
  await search.fill('')
  await tab.click() // closes the panel again
  await sleep(500)
  return { ideaListOpenMs, ideaSearchMs }
}

export interface VoteTapTimings {
  /** Tap on "+" until the dot shows on the idea (the app shows it before the server answers). */
  voteTapShownMs: number[]
  /** Tap on "+" until the server confirmed it ("wird gesendet …" gone). */
  voteTapConfirmedMs: number[]
}

/** Taps "+" on `taps` different ideas of the vote list (the round must be open, dots left). */
export async function timeVoteTaps(page: Page, taps: number): Promise<VoteTapTimings> {
  const tab = page.getByTestId('panel-tab-voting')
  await tab.click()
  const list = page.getByTestId('vote-list')
  await list.waitFor({ state: 'visible', timeout: 60_000 })
  const remaining = page.getByTestId('vote-list-remaining')
  const shown: number[] = []
  const confirmed: number[] = []
  // The ballot is read when the list opens; until then every idea shows no dot of this person.
  await remaining.waitFor({ state: 'visible', timeout: 60_000 })
  for (let i = 0; i < taps; i++) {
    const ideaId = await list
      .locator('[data-testid="vote-list-item"][data-mine="0"]')
      .first()
      .getAttribute('data-idea-id', { timeout: 60_000 })
    // Pinned to one idea: "the first without a dot" changes when the dot arrives.
    const item = list.locator(`[data-testid="vote-list-item"][data-idea-id="${ideaId}"]`)
    const before = Number(await item.getAttribute('data-mine'))
    const started = await clickTimed(page, item.getByTestId('vote-list-add'))
    await page.waitForFunction(
      ([id, dots]) =>
        document.querySelector(`[data-testid="vote-list-item"][data-idea-id="${id}"]`)?.getAttribute('data-mine') ===
        String(dots),
      [ideaId, before + 1] as const,
      { timeout: 60_000, polling: 'raf' },
    )
    shown.push(Date.now() - started)
    await page.waitForFunction(
      () => !document.querySelector('[data-testid="vote-list-remaining"]')?.textContent?.includes('…'),
      undefined,
      { timeout: 60_000, polling: 'raf' },
    )
    confirmed.push(Date.now() - started)
    await sleep(300)
  }
  await remaining.waitFor({ state: 'visible' })
  await tab.click()
  await sleep(500)
  return { voteTapShownMs: shown, voteTapConfirmedMs: confirmed }
}
