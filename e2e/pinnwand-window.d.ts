/** The handles the client exposes for tests (client/src/board/BoardCanvas.tsx), as far as e2e uses them. */
interface PinnwandTestShape {
  id: string
  type: string
  props: Record<string, unknown>
}

interface Window {
  __pinnwand?: {
    editor: { getCurrentPageShapes(): PinnwandTestShape[] }
    doc: unknown
    provider: { wsconnected: boolean }
  }
}
