import { CARD_GAP, CARD_SIZE, DEFAULT_COLLECT_AREA } from '@pinnwand/shared/placement'
import type { Editor } from 'tldraw'
import { fitCamera, type Insets, openingCamera, type Rect } from './fitCamera.ts'

/**
 * The board's own controls that lie over the canvas: menu, phase and presence chips, side-panel
 * tabs, the add-idea field, the toolbar, the zoom panel. Content framed for a person must not
 * end up under them.
 */
const CONTROLS = [
  '.tlui-menu-zone',
  '.pw-status-panel',
  '.tlui-share-zone',
  '.pw-side-panel__tabs',
  '.pw-add-idea--dock',
  '.tlui-main-toolbar',
  '.tlui-navigation-panel',
  '.pw-show-everything',
]

/** How close to an edge a control must be to count as lying along it. */
const NEAR_EDGE = 160

/** How much of each edge of the canvas the controls cover; no edge takes more than 40 % of the view. */
function measureControlInsets(container: HTMLElement): Insets {
  const canvas = container.getBoundingClientRect()
  const insets: Insets = { top: 0, right: 0, bottom: 0, left: 0 }
  for (const element of container.querySelectorAll(CONTROLS.join(','))) {
    const r = element.getBoundingClientRect()
    if (r.width === 0 || r.height === 0) continue
    const top = r.top - canvas.top
    const left = r.left - canvas.left
    // [edge, distance from it, inset if counted there, share of the view that inset costs]
    const edges: [keyof Insets, number, number, number][] = [
      ['top', top, r.bottom - canvas.top, (r.bottom - canvas.top) / canvas.height],
      ['bottom', canvas.bottom - r.bottom, canvas.bottom - r.top, (canvas.bottom - r.top) / canvas.height],
      ['left', left, r.right - canvas.left, (r.right - canvas.left) / canvas.width],
      ['right', canvas.right - r.right, canvas.right - r.left, (canvas.right - r.left) / canvas.width],
    ]
    // A control in a corner is near two edges; it is counted at the one where it costs less
    // (the zoom button bottom-left shortens the view a little, not narrows it by its width).
    const near = edges.filter(([, distance]) => distance <= NEAR_EDGE)
    if (near.length === 0) continue
    const [edge, , extent] = near.reduce((best, candidate) => (candidate[3] < best[3] ? candidate : best))
    insets[edge] = Math.max(insets[edge], extent)
  }
  insets.top = Math.min(insets.top, canvas.height * 0.4)
  insets.bottom = Math.min(insets.bottom, canvas.height * 0.4)
  insets.left = Math.min(insets.left, canvas.width * 0.4)
  insets.right = Math.min(insets.right, canvas.width * 0.4)
  return insets
}

/**
 * What an empty board frames: the first two rows of the band where its first ideas will land
 * (`DEFAULT_COLLECT_AREA`, from the page origin). Without it an empty board opened at the origin,
 * in the screen's top-left corner, and the first card sat half under the side panel's tabs.
 */
export const EMPTY_BOARD_FRAME: Rect = {
  x: DEFAULT_COLLECT_AREA.x,
  y: DEFAULT_COLLECT_AREA.y,
  w: DEFAULT_COLLECT_AREA.w,
  h: 2 * CARD_SIZE.h + CARD_GAP,
}

/**
 * "Show everything": the camera frames all content (guiding question, clusters, cards) in the
 * part of the screen the controls leave free, never zooming in past 100 %. An empty board frames
 * the place its first ideas will take (`EMPTY_BOARD_FRAME`).
 */
export function showEverything(
  editor: Editor,
  { animate = false, opening = false }: { animate?: boolean; opening?: boolean } = {},
): void {
  const content = editor.getCurrentPageBounds() ?? EMPTY_BOARD_FRAME
  const viewport = editor.getViewportScreenBounds()
  const camera = (opening ? openingCamera : fitCamera)(
    { x: content.x, y: content.y, w: content.w, h: content.h },
    { w: viewport.w, h: viewport.h },
    measureControlInsets(editor.getContainer()),
  )
  // A pan flicked a moment ago may still be sliding (touch inertia): stopped first, it cannot
  // carry the camera away again after the fit.
  editor.stopCameraAnimation()
  editor.setCamera(camera, animate ? { animation: { duration: 240 } } : { immediate: true })
}

/**
 * Every board opens with an overview — first load, reload, late joiners (`openingCamera`: on an
 * upright tablet or phone a board too big to read whole opens readable at its top-left). The
 * controls are laid out a frame or two after the editor mounts, so the fit is repeated then,
 * unless the person has moved the camera in the meantime.
 */
export function showEverythingOnOpen(editor: Editor): () => void {
  showEverything(editor, { opening: true })
  let placed = editor.getCamera()
  let frames = 3
  let handle = 0
  const again = () => {
    const now = editor.getCamera()
    if (now.x !== placed.x || now.y !== placed.y || now.z !== placed.z) return
    showEverything(editor, { opening: true })
    placed = editor.getCamera()
    if (--frames > 0) handle = requestAnimationFrame(again)
  }
  handle = requestAnimationFrame(again)
  return () => cancelAnimationFrame(handle)
}
