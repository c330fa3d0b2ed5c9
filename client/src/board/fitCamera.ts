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
 * The least zoom at which card text (22 px) stays readable on a tablet held upright: 60 % makes
 * it 13 px. A Thementisch fitted whole into 820 × 1180 opened at 19–43 %, where nobody can read.
 */
export const READABLE_ZOOM = 0.6

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

/**
 * The camera a board opens with. Normally the whole content (`fitCamera`). On a screen held
 * upright (the free area taller than wide), where the whole board would be too small to read,
 * it opens at `READABLE_ZOOM` on the content's top-left instead — the guiding question and the
 * first cards in reading order, where new ideas land — and "Alles zeigen" shows the rest. A wide
 * screen always opens on everything: there the overview stays readable enough to orient by.
 */
export function openingCamera(
  content: Rect,
  viewport: { w: number; h: number },
  insets: Insets,
): { x: number; y: number; z: number } {
  const all = fitCamera(content, viewport, insets)
  const free = {
    w: viewport.w - insets.left - insets.right - 2 * MARGIN,
    h: viewport.h - insets.top - insets.bottom - 2 * MARGIN,
  }
  if (all.z >= READABLE_ZOOM || free.w >= free.h) return all
  const z = READABLE_ZOOM
  return { x: (insets.left + MARGIN) / z - content.x, y: (insets.top + MARGIN) / z - content.y, z }
}
