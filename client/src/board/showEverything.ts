import type { Editor } from 'tldraw'

/**
 * Board templates are laid out by the server, not around the camera's default spot, so a
 * participant opening a board would see an empty screen and a "back to content" button. When
 * no shape is in view on open, frame the content instead, never zooming in past 100 %.
 */
export function showContentOnOpen(editor: Editor): void {
  const shapeCount = editor.getCurrentPageShapeIds().size
  if (shapeCount === 0 || editor.getCulledShapes().size < shapeCount) return
  const content = editor.getCurrentPageBounds()
  if (content) editor.zoomToBounds(content, { targetZoom: 1, inset: 32, immediate: true })
}
