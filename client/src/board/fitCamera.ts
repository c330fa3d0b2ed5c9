export interface Rect {
  x: number
  y: number
  w: number
  h: number
}

/** Screen pixels along each edge of the canvas that the board's own controls cover. */
export interface Insets {
  top: number
  right: number
  bottom: number
  left: number
}

/** Space around the content, so the outermost cards do not touch the controls. */
const MARGIN = 24
/** Never zoom in past 100 %: a board with one card should not show it poster-sized. */
const MAX_ZOOM = 1
/** The smallest zoom tldraw allows by default; a huge board still gets a sensible camera. */
const MIN_ZOOM = 0.05

/**
 * The camera (tldraw's: screen = (page + camera) × z) that shows all of `content` inside the
 * part of a `viewport` the controls leave free. Pure, so the rule is testable without a board.
 */
export function fitCamera(
  content: Rect,
  viewport: { w: number; h: number },
  insets: Insets,
): { x: number; y: number; z: number } {
  const free = {
    x: insets.left + MARGIN,
    y: insets.top + MARGIN,
    w: Math.max(1, viewport.w - insets.left - insets.right - 2 * MARGIN),
    h: Math.max(1, viewport.h - insets.top - insets.bottom - 2 * MARGIN),
  }
  const z = Math.min(
    MAX_ZOOM,
    Math.max(MIN_ZOOM, Math.min(free.w / Math.max(content.w, 1), free.h / Math.max(content.h, 1))),
  )
  return {
    x: (free.x + free.w / 2) / z - (content.x + content.w / 2),
    y: (free.y + free.h / 2) / z - (content.y + content.h / 2),
    z,
  }
}
