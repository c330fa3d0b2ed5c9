/** The handles the client exposes for tests (client/src/board/BoardCanvas.tsx), as far as e2e uses them. */
interface PinnwandTestShape {
  id: string
  type: string
  parentId: string
  x: number
  y: number
  rotation: number
  props: Record<string, unknown>
  meta: Record<string, unknown>
}

interface PinnwandTestBox {
  x: number
  y: number
  w: number
  h: number
  midX: number
  midY: number
  minX: number
  minY: number
  maxX: number
  maxY: number
  collides(other: PinnwandTestBox): boolean
}

/** The part of tldraw's Editor the e2e specs call (ids are plain strings here). */
interface PinnwandTestEditor {
  /** Every record this browser holds (read only). */
  store: { serialize(): Record<string, unknown> }
  getCurrentPageShapes(): PinnwandTestShape[]
  /** Asset records (pictures) of the document. */
  getAssets(): { id: string; type: string; props: Record<string, unknown> }[]
  getShape(id: string): PinnwandTestShape | undefined
  getShapePageBounds(id: string): PinnwandTestBox | undefined
  getZoomLevel(): number
  getSelectedShapes(): PinnwandTestShape[]
  getSortedChildIdsForParent(id: string): string[]
  pageToViewport(point: { x: number; y: number }): { x: number; y: number }
  pageToScreen(point: { x: number; y: number }): { x: number; y: number }
  getCurrentToolId(): string
  getEditingShapeId(): string | null
  getContainer(): HTMLElement
  select(...ids: string[]): unknown
  selectNone(): unknown
  zoomToSelection(options?: { animation?: { duration: number } }): unknown
  getCurrentPageBounds(): PinnwandTestBox | undefined
  zoomToBounds(
    bounds: { x: number; y: number; w: number; h: number },
    options?: { targetZoom?: number; inset?: number; immediate?: boolean },
  ): unknown
  createShape(shape: Record<string, unknown>): unknown
  updateShape(partial: Record<string, unknown>): unknown
  markHistoryStoppingPoint(name?: string): string
  selectAll(): unknown
  deleteShapes(ids: string[]): unknown
  getSelectedShapeIds(): string[]
  getViewportPageBounds(): PinnwandTestBox
  setCamera(camera: { x: number; y: number; z: number }): unknown
}

interface Window {
  __pinnwand?: {
    editor: PinnwandTestEditor
    doc: unknown
    provider: { wsconnected: boolean }
  }
}
