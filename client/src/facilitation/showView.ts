import type { BoardViewSection } from '@pinnwand/shared/boardState'
import { Box, type Editor, type TLPageId } from 'tldraw'

/**
 * Puts a shared view on this screen: the same page, and the camera so that all of the
 * facilitator's viewport is visible (a phone shows their landscape view letterboxed, not cropped).
 */
export function showView(editor: Editor, view: BoardViewSection, durationMs: number): void {
  const pageId = view.pageId as TLPageId
  if (pageId !== editor.getCurrentPageId() && editor.getPage(pageId)) editor.setCurrentPage(pageId)
  const { x, y, w, h } = view.viewport
  editor.zoomToBounds(new Box(x, y, w, h), { inset: 0, animation: { duration: durationMs } })
}

/** This screen's view, as sent with "follow me" and "bring everyone" (rounded: nobody needs sub-pixels). */
export function currentView(editor: Editor): {
  pageId: string
  viewport: { x: number; y: number; w: number; h: number }
} {
  const bounds = editor.getViewportPageBounds()
  const round = (n: number) => Math.round(n * 10) / 10
  return {
    pageId: editor.getCurrentPageId(),
    viewport: {
      x: round(bounds.x),
      y: round(bounds.y),
      w: Math.max(round(bounds.w), 1),
      h: Math.max(round(bounds.h), 1),
    },
  }
}
