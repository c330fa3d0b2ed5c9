import { expect, type Locator, type Page } from '@playwright/test'
import { touchDrag } from '../fixtures/touch.ts'

/** The idea card shape type (shared/src/boardSchema.ts). */
const IDEA_CARD_TYPE = 'idea-card'

export interface CanvasPoint {
  /** Pixels from the canvas' top-left corner. */
  x: number
  y: number
}

/** A rectangle in window (CSS pixel) coordinates, where `page.mouse` and `page.touchscreen` act. */
export interface ScreenBox {
  x: number
  y: number
  w: number
  h: number
}

export interface StoredCard {
  id: string
  text: string
  author: string
}

/**
 * One browser tab on `/b/:boardId`. Acts like a user (toolbar, pointer, keyboard); reads the
 * board from the DOM, or from the tldraw editor the app exposes as `window.__pinnwand`.
 */
export class BoardPage {
  readonly page: Page
  readonly touch: boolean
  readonly canvas: Locator
  readonly status: Locator
  readonly cards: Locator
  readonly ideaCardTool: Locator

  constructor(page: Page, { touch }: { touch: boolean }) {
    this.page = page
    this.touch = touch
    this.canvas = page.getByTestId('canvas')
    this.status = page.getByTestId('connection-status')
    this.cards = page.getByTestId('idea-card')
    // tldraw names toolbar buttons `tools.<tool id>`; the app's tool id is 'idea-card'.
    this.ideaCardTool = page.getByTestId('tools.idea-card')
  }

  async open(boardId: string, token: string): Promise<void> {
    await this.page.goto(`/b/${encodeURIComponent(boardId)}?token=${encodeURIComponent(token)}`)
    await this.waitForMounted()
  }

  /** The canvas is mounted and the app's test handle is there. */
  async waitForMounted(): Promise<void> {
    // Either the canvas or the app's error screen; on the latter, fail with what it says.
    const error = this.page.getByTestId('board-error')
    await expect(this.canvas.or(error)).toBeVisible({ timeout: 45_000 })
    if (await error.isVisible())
      throw new Error(`the board shows an error instead of the canvas: "${await error.innerText()}"`)
    await this.page.waitForFunction(() => window.__pinnwand?.editor !== undefined, undefined, { timeout: 45_000 })
  }

  async waitForConnected(timeout = 20_000): Promise<void> {
    await expect(this.status).toHaveAttribute('data-status', 'connected', { timeout })
  }

  card(text: string): Locator {
    return this.cards.filter({ hasText: text })
  }

  /** Taps on touch devices, clicks otherwise; `at` is relative to the canvas. */
  async press(at: CanvasPoint): Promise<void> {
    const box = await this.canvasBox()
    if (this.touch) await this.page.touchscreen.tap(box.x + at.x, box.y + at.y)
    else await this.page.mouse.click(box.x + at.x, box.y + at.y)
  }

  async moveMouse(at: CanvasPoint, steps = 8): Promise<void> {
    const box = await this.canvasBox()
    await this.page.mouse.move(box.x + at.x, box.y + at.y, { steps })
  }

  /**
   * Creates a card the way a participant does: pick the idea card tool in the toolbar, place the
   * card on the canvas, type, leave the card. Resolves with the card's id once it holds the text.
   */
  async createIdeaCard(text: string, at?: CanvasPoint): Promise<string> {
    const before = new Set((await this.storedCards()).map((card) => card.id))
    const point = at ?? (await this.freeSpot(before.size))

    if (this.touch) await this.ideaCardTool.tap()
    else await this.ideaCardTool.click()
    await expect(this.ideaCardTool).toHaveAttribute('aria-pressed', 'true')
    await this.press(point)

    const input = this.cards.locator('textarea')
    await expect(input).toBeFocused()
    await this.page.keyboard.type(text)
    await this.page.keyboard.press('Escape')
    await expect(input).toHaveCount(0)

    let id = ''
    await expect
      .poll(
        async () => {
          const created = (await this.storedCards()).find((card) => !before.has(card.id))
          id = created?.id ?? ''
          return created?.text
        },
        { message: `new idea card with text "${text}"` },
      )
      .toBe(text)
    return id
  }

  /** Texts of the idea cards on the current page, from the editor's store, sorted. */
  async cardTexts(): Promise<string[]> {
    return (await this.storedCards()).map((card) => card.text).sort()
  }

  async storedCards(): Promise<StoredCard[]> {
    return this.page.evaluate((type) => {
      const editor = window.__pinnwand?.editor
      if (!editor) throw new Error('window.__pinnwand.editor is missing')
      return editor
        .getCurrentPageShapes()
        .filter((shape) => shape.type === type)
        .map((shape) => {
          const props = shape.props as { text?: string; author?: string }
          return { id: shape.id, text: props.text ?? '', author: props.author ?? '' }
        })
    }, IDEA_CARD_TYPE)
  }

  /** Where a shape is on screen now (read from the editor; acting on it is up to the caller). */
  async screenBox(shapeId: string): Promise<ScreenBox> {
    return this.page.evaluate((id) => {
      const editor = window.__pinnwand!.editor
      const bounds = editor.getShapePageBounds(id)
      if (!bounds) throw new Error(`no shape ${id}`)
      const topLeft = editor.pageToScreen({ x: bounds.minX, y: bounds.minY })
      const bottomRight = editor.pageToScreen({ x: bounds.maxX, y: bounds.maxY })
      return { x: topLeft.x, y: topLeft.y, w: bottomRight.x - topLeft.x, h: bottomRight.y - topLeft.y }
    }, shapeId)
  }

  /** A tap on touch devices, a click otherwise, at a window point. */
  async tapAt(point: { x: number; y: number }): Promise<void> {
    if (this.touch) await this.page.touchscreen.tap(point.x, point.y)
    else await this.page.mouse.click(point.x, point.y)
  }

  /** Two quick taps on touch devices, a double-click otherwise, at a window point. */
  async doubleTapAt(point: { x: number; y: number }): Promise<void> {
    if (this.touch) {
      await this.page.touchscreen.tap(point.x, point.y)
      await this.page.touchscreen.tap(point.x, point.y)
    } else {
      await this.page.mouse.dblclick(point.x, point.y)
    }
  }

  /** A one-finger drag on touch devices, a mouse drag otherwise, between window points. */
  async dragAt(from: { x: number; y: number }, to: { x: number; y: number }): Promise<void> {
    if (this.touch) return touchDrag(this.page, from, to)
    await this.page.mouse.move(from.x, from.y)
    await this.page.mouse.down()
    await this.page.mouse.move(to.x, to.y, { steps: 12 })
    await this.page.mouse.up()
  }

  /** Ids of the shapes selected in this tab. */
  async selectedIds(): Promise<string[]> {
    return this.page.evaluate(() => window.__pinnwand!.editor.getSelectedShapeIds().map(String))
  }

  /** Another person's cursor, as tldraw draws it: arrow plus name tag. */
  collaboratorCursor(name: string): Locator {
    return this.page.locator('.tl-collaborator__cursor').filter({
      has: this.page.locator('.tl-nametag', { hasText: name }),
    })
  }

  private async canvasBox() {
    const box = await this.canvas.boundingBox()
    if (!box) throw new Error('canvas is not visible')
    return box
  }

  /**
   * A spot in the upper middle of the canvas, shifted per card so cards do not overlap, and
   * right of the side panel's tabs (on a tablet they cover the canvas's left edge).
   */
  private async freeSpot(index: number): Promise<CanvasPoint> {
    const box = await this.canvasBox()
    const tabsRight = await this.page
      .locator('[data-testid^="panel-tab-"]')
      .evaluateAll((tabs) => Math.max(0, ...tabs.map((tab) => tab.getBoundingClientRect().right)))
    const left = Math.max(box.width / 2 - 280, tabsRight - box.x + 120)
    const spacing = Math.max(0, Math.min(280, (box.width - 100 - left) / 2))
    const column = index % 3
    const row = Math.floor(index / 3) % 3
    return { x: left + column * spacing, y: Math.min(240, box.height / 3) + row * 190 }
  }
}
