import { expect, type Locator, type Page } from '@playwright/test'

/**
 * Geometric checks of the phone layout (390 × 844): what floats over the idea list must not
 * cover anything a person has to tap, and every tab must be reachable whole.
 */

type Rect = { x: number; y: number; width: number; height: number }

const overlaps = (a: Rect, b: Rect) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height

/**
 * "Ich bin fertig" covers none of the buttons inside `area` (a tray in the idea list): each is
 * scrolled into view as a person would, then its box is compared with the button's.
 */
export async function expectDoneButtonCoversNothing(page: Page, area: Locator): Promise<void> {
  const done = page.getByTestId('done-button')
  await expect(done).toBeVisible()
  const buttons = await area.getByRole('button').all()
  expect(buttons.length).toBeGreaterThan(0)
  for (const button of buttons) {
    await button.scrollIntoViewIfNeeded()
    const [target, cover] = [await button.boundingBox(), await done.boundingBox()]
    expect(target && cover, 'both boxes').toBeTruthy()
    const name = (await button.getAttribute('aria-label')) ?? (await button.innerText())
    expect(overlaps(target!, cover!), `"Ich bin fertig" covers "${name}"`).toBe(false)
  }
  // The button itself is whole on the screen.
  const box = (await done.boundingBox())!
  const viewport = page.viewportSize()!
  expect(box.y + box.height).toBeLessThanOrEqual(viewport.height)
  expect(box.height).toBeGreaterThanOrEqual(44)
}

/**
 * Every side-panel tab can be brought fully onto the screen, shows its whole label (nothing
 * squeezed or cut), is a 44 px touch target, and opens its panel when tapped.
 */
export async function expectEveryTabReachable(page: Page): Promise<string[]> {
  const tabs = await page.getByRole('tab').all()
  const viewport = page.viewportSize()!
  const ids: string[] = []
  for (const tab of tabs) {
    const id = (await tab.getAttribute('data-testid')) ?? ''
    ids.push(id)
    await tab.scrollIntoViewIfNeeded()
    const box = (await tab.boundingBox())!
    expect(box.x, `${id} starts on screen`).toBeGreaterThanOrEqual(0)
    expect(box.x + box.width, `${id} ends on screen`).toBeLessThanOrEqual(viewport.width)
    expect(box.height, `${id} height`).toBeGreaterThanOrEqual(44)
    expect(box.width, `${id} width`).toBeGreaterThanOrEqual(44)
    const cut = await tab.evaluate((element) => element.scrollWidth > element.clientWidth + 1)
    expect(cut, `${id} shows its whole label`).toBe(false)
    // Not covered by a neighbour: the tab's own centre is the tab.
    const hit = await page.evaluate(
      ({ x, y }) => document.elementFromPoint(x, y)?.closest('[role="tab"]')?.getAttribute('data-testid') ?? null,
      { x: box.x + box.width / 2, y: box.y + box.height / 2 },
    )
    expect(hit, `${id} is not under another element`).toBe(id)
    // (The open one stays open: a tap on it would close it.)
    if ((await tab.getAttribute('aria-selected')) !== 'true') await tab.tap()
    await expect(tab).toHaveAttribute('aria-selected', 'true')
    await expect(page.getByTestId(id.replace('panel-tab-', 'panel-'))).toBeVisible()
  }
  return ids
}

/** No name tag of someone else's cursor shows on this screen (a phone shows the idea list). */
export async function expectNoVisibleNameTag(page: Page): Promise<void> {
  await expect(page.locator('.tl-nametag:visible')).toHaveCount(0)
}
