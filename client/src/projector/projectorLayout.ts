import type { Editor } from 'tldraw'
import type { Rect } from './cameraFit.ts'

/** Share of the screen width the side column takes (timer, phase, join code, voting). */
export const SIDE_COLUMN_SHARE = 0.3
/** Empty space around the board in the free part of the screen, in screen pixels. */
export const FIT_PADDING = 32

/**
 * The part of the projector screen where the board is shown: right of the side column (the side
 * column is on the left, so tldraw's corner mark at the bottom right stays visible).
 */
export function boardRegion(editor: Editor): Rect {
  const screen = editor.getViewportScreenBounds()
  const side = screen.w * SIDE_COLUMN_SHARE
  return { x: side, y: 0, w: Math.max(1, screen.w - side), h: Math.max(1, screen.h) }
}
