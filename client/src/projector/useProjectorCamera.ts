import type { BoardViewSection } from '@pinnwand/shared/boardState'
import { useCallback, useEffect } from 'react'
import { type Editor, react, type TLPageId } from 'tldraw'
import { cameraToFit, type Rect } from './cameraFit.ts'
import { boardRegion, FIT_PADDING } from './projectorLayout.ts'

/** Wait for content to settle (a card being dragged) before zooming again. */
const REFIT_DELAY_MS = 500
const FIT_ANIMATION_MS = 600

function moveCamera(editor: Editor, bounds: Rect, durationMs: number, padding: number) {
  const camera = cameraToFit(bounds, boardRegion(editor), { padding })
  editor.setCamera(camera, durationMs > 0 ? { animation: { duration: durationMs } } : undefined)
}

/**
 * The projector's camera: the whole board, fitted into the free part of the screen and refitted
 * whenever the content or the window changes — unless the facilitator says "follow me", then
 * their view (see `showFollowedView`).
 */
export function useFitToContent(editor: Editor, enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return
    let timer: ReturnType<typeof setTimeout> | null = null
    let first = true
    const fit = () => {
      const bounds = editor.getCurrentPageBounds()
      if (bounds) moveCamera(editor, bounds, first ? 0 : FIT_ANIMATION_MS, FIT_PADDING)
      first = false
    }
    const stop = react('projector fits the board', () => {
      editor.getCurrentPageBounds()
      editor.getViewportScreenBounds()
      if (timer) clearTimeout(timer)
      timer = setTimeout(fit, first ? 0 : REFIT_DELAY_MS)
    })
    return () => {
      stop()
      if (timer) clearTimeout(timer)
    }
  }, [editor, enabled])
}

/** How the projector shows the facilitator's view: whole, in the free part of the screen. */
export function useShowFollowedView(editor: Editor): (view: BoardViewSection, durationMs: number) => void {
  return useCallback(
    (view, durationMs) => {
      const pageId = view.pageId as TLPageId
      if (pageId !== editor.getCurrentPageId() && editor.getPage(pageId)) editor.setCurrentPage(pageId)
      moveCamera(editor, view.viewport, durationMs, 0)
    },
    [editor],
  )
}
