/**
 * Drag round trip: the participant drags a card with the mouse in the browser; a second client
 * (y-websocket, in the bench process) watches the board. The round trip runs from the last
 * pointer move of the drag until the watcher holds the card at its final place: the page's
 * input handling, its write, the server (validation, persist, broadcast) and the way back.
 */
import type { Page } from 'playwright-core'
import type { BoardConnection } from './populateBoard.ts'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Seen positions per record id, with the wall-clock time they arrived. */
export function watchPositions(board: BoardConnection): Map<string, { at: number; x: number; y: number }[]> {
  const seen = new Map<string, { at: number; x: number; y: number }[]>()
  board.records.on('change', (changes: Map<string, { action: string; newValue?: unknown }>) => {
    const at = Date.now()
    for (const [id, change] of changes) {
      const record = change.newValue as { x?: number; y?: number } | undefined
      if (change.action === 'delete' || typeof record?.x !== 'number' || typeof record.y !== 'number') continue
      let list = seen.get(id)
      if (!list) seen.set(id, (list = []))
      list.push({ at, x: record.x, y: record.y })
    }
  })
  return seen
}

/** A card drawn near the middle of the screen, away from the controls: its id and centre. */
async function cardNearCentre(page: Page, skip: Set<string>) {
  return page.evaluate(
    (skipIds) => {
      const cards = Array.from(document.querySelectorAll('[data-testid="idea-card"]'))
        .map((el) => ({
          id: el.closest('[data-shape-id]')?.getAttribute('data-shape-id') ?? '',
          r: el.getBoundingClientRect(),
        }))
        .filter(
          ({ id, r }) => id && !skipIds.includes(id) && r.width > 8 && r.top > 100 && r.bottom < innerHeight - 120,
        )
        .sort(
          (a, b) =>
            Math.hypot(a.r.x - innerWidth / 2, a.r.y - innerHeight / 2) -
            Math.hypot(b.r.x - innerWidth / 2, b.r.y - innerHeight / 2),
        )
      const card = cards[0]
      return card ? { id: card.id, x: card.r.left + card.r.width / 2, y: card.r.top + card.r.height / 2 } : null
    },
    [...skip],
  )
}

/**
 * Drags `count` different cards by a short distance, one after the other, and returns the
 * round trip of each (ms); a drag whose end never reached the watcher counts as NaN.
 */
export async function measureDrags(
  page: Page,
  seen: Map<string, { at: number; x: number; y: number }[]>,
  count: number,
): Promise<number[]> {
  const trips: number[] = []
  const dragged = new Set<string>()
  for (let i = 0; i < count; i++) {
    const card = await cardNearCentre(page, dragged)
    if (!card) break
    dragged.add(card.id)
    await page.mouse.move(card.x, card.y)
    await page.mouse.down()
    for (let step = 1; step <= 4; step++) await page.mouse.move(card.x + step * 6, card.y + step * 4)
    const lastMoveAt = Date.now()
    await page.mouse.move(card.x + 30, card.y + 20)
    await page.mouse.up()
    await sleep(2000)
    const positions = seen.get(card.id) ?? []
    const final = positions.at(-1)
    const firstAtFinal = positions.find((p) => p.at >= lastMoveAt && p.x === final?.x && p.y === final.y)
    trips.push(firstAtFinal ? firstAtFinal.at - lastMoveAt : NaN)
    await page.keyboard.press('Escape')
  }
  return trips
}
