export interface Rect {
  x: number
  y: number
  w: number
  h: number
}

/**
 * The tldraw camera (screen = (page + camera) × zoom) that shows `bounds` whole and centred in
 * `region` of the screen, e.g. the part of a projector screen not covered by the side column.
 */
export function cameraToFit(
  bounds: Rect,
  region: Rect,
  { padding = 0, minZoom = 0.05, maxZoom = 2 }: { padding?: number; minZoom?: number; maxZoom?: number } = {},
): { x: number; y: number; z: number } {
  const width = Math.max(1, region.w - 2 * padding)
  const height = Math.max(1, region.h - 2 * padding)
  const fitting = Math.min(width / Math.max(bounds.w, 1), height / Math.max(bounds.h, 1))
  const z = Math.min(maxZoom, Math.max(minZoom, fitting))
  const centreX = region.x + region.w / 2
  const centreY = region.y + region.h / 2
  return { x: centreX / z - (bounds.x + bounds.w / 2), y: centreY / z - (bounds.y + bounds.h / 2), z }
}
