import { type Browser, type BrowserContextOptions, expect, type Page } from '@playwright/test'
import { callApi } from '@pinnwand/shared/contract/callApi'
import { createWorkshop } from '@pinnwand/shared/workshopRoutes'
import { joinWorkshop, type Workshop } from '../fixtures/api.ts'
import { BoardPage } from './BoardPage.ts'

/**
 * What the layout specs (placement, rehearsal) share: the three devices of a Thementisch, a
 * workshop made from a template, people joining on a device, posting through the visible "add
 * idea" field, and reading where shapes are (through `window.__pinnwand`, never acting through it).
 */

export interface Box {
  id: string
  parentId: string
  x: number
  y: number
  w: number
  h: number
  text: string
}

export const DEVICES = {
  desktop: { viewport: { width: 1280, height: 800 }, hasTouch: false, isMobile: false },
  tablet: { viewport: { width: 820, height: 1180 }, hasTouch: true, isMobile: true, deviceScaleFactor: 1 },
  phone: { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 },
} satisfies Record<string, BrowserContextOptions>
export type Device = keyof typeof DEVICES

/** A German workshop with one board made from `template`. */
export async function workshopWithTemplate(
  baseUrl: string,
  template: string,
  board: { title: string; question: string },
): Promise<Workshop> {
  const body = await callApi(
    createWorkshop,
    { body: { title: 'Quartier 2030', language: 'de', boards: [{ ...board, template }] } },
    { baseUrl },
  )
  return {
    id: body.workshop.id,
    joinCode: body.workshop.joinCode,
    facilitatorToken: body.facilitatorToken,
    boardId: body.boards[0]!.id,
    boards: body.boards,
  }
}

/** Every shape's page bounds, from the editor (reading state, not acting). */
export async function shapes(page: Page): Promise<(Box & { type: string; role?: string })[]> {
  return page.evaluate(() => {
    const editor = window.__pinnwand!.editor
    return editor.getCurrentPageShapes().map((shape) => {
      const bounds = editor.getShapePageBounds(shape.id)!
      const props = shape.props as { text?: string; title?: string }
      return {
        id: shape.id,
        type: shape.type,
        parentId: shape.parentId,
        role: (shape.meta as { role?: string }).role,
        x: bounds.x,
        y: bounds.y,
        w: bounds.w,
        h: bounds.h,
        text: props.text ?? props.title ?? '',
      }
    })
  })
}

/** Bounds intersect by more than 2 px both ways (the definition of overlap). */
export const intersects = (a: Omit<Box, 'id' | 'parentId' | 'text'>, b: Omit<Box, 'id' | 'parentId' | 'text'>) =>
  Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x) > 2 && Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y) > 2

export function expectNoOverlaps(boxes: Box[]) {
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      expect(intersects(boxes[i]!, boxes[j]!), `"${boxes[i]!.text}" overlaps "${boxes[j]!.text}"`).toBe(false)
    }
}

/** Screen point (page coordinates of the browser window) of a board point. */
export async function toScreen(page: Page, point: { x: number; y: number }) {
  return page.evaluate((p) => {
    const editor = window.__pinnwand!.editor
    const screen = editor.pageToViewport(p)
    const container = editor.getContainer().getBoundingClientRect()
    return { x: container.x + screen.x, y: container.y + screen.y }
  }, point)
}

/** A person joins the workshop on a device and opens the board (a phone opens on the idea list). */
export async function openAs(browser: Browser, baseURL: string, device: Device, workshop: Workshop, name: string) {
  const participant = await joinWorkshop(baseURL, workshop, name)
  const context = await browser.newContext({ ...DEVICES[device], baseURL, locale: 'de-DE' })
  const page = await context.newPage()
  const board = new BoardPage(page, { touch: DEVICES[device].hasTouch })
  // On a phone the idea list covers the canvas: wait for the app, not for a visible canvas.
  await page.goto(`/b/${workshop.boardId}?token=${encodeURIComponent(participant.token)}`)
  await page.waitForFunction(() => window.__pinnwand?.editor !== undefined, undefined, { timeout: 45_000 })
  await board.waitForConnected(40_000)
  return { context, page, board, name, device }
}

/** Posts an idea through the visible "add idea" field: tap or click it, type, send. */
export async function postIdea(page: Page, text: string, touch: boolean) {
  const field = page.getByTestId('add-idea-text').filter({ visible: true })
  if (touch) await field.tap()
  else await field.click()
  await page.keyboard.type(text)
  const post = page.getByTestId('add-idea-post').filter({ visible: true })
  if (touch) await post.tap()
  else await page.keyboard.press('Enter')
  await expect(field).toHaveValue('')
}
