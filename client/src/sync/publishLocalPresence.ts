import type { Editor } from 'tldraw'
import type { Awareness } from 'y-protocols/awareness'
import type { PresenceState } from './presence.ts'
import { throttle } from './throttle.ts'

/** At most 10 awareness updates per second per client (the server throttles fan-out too). */
export const PRESENCE_INTERVAL_MS = 100

/**
 * Publishes this client's user, cursor (page coordinates) and page in its awareness state.
 * Returns a function that stops publishing and clears the local state, so others see us leave.
 *
 * No cursor until this person actually points at the canvas: a projector, or a phone that shows
 * the idea list, would otherwise sit at page (0, 0) forever, and every other screen drew a name
 * tag there — on a phone half hidden under the menu button ("mer" of "Beamer"). `pointing: false`
 * (the projector) never publishes one.
 */
export function publishLocalPresence(
  editor: Editor,
  awareness: Awareness,
  user: PresenceState['user'],
  pointing = true,
): () => void {
  let cursorInside = false
  const publish = throttle(() => {
    const point = editor.inputs.getCurrentPagePoint()
    const state: PresenceState = {
      user,
      cursor: cursorInside ? { x: Math.round(point.x), y: Math.round(point.y) } : null,
      pageId: editor.getCurrentPageId(),
    }
    awareness.setLocalState(state)
  }, PRESENCE_INTERVAL_MS)

  const onEvent = (info: { type: string; name: string }) => {
    if (info.type !== 'pointer' || !pointing) return
    cursorInside = true
    publish()
  }
  const container = editor.getContainer()
  const onLeave = () => {
    cursorInside = false
    publish()
  }
  editor.on('event', onEvent)
  container.addEventListener('pointerleave', onLeave)
  publish()
  return () => {
    publish.cancel()
    editor.off('event', onEvent)
    container.removeEventListener('pointerleave', onLeave)
    awareness.setLocalState(null)
  }
}
