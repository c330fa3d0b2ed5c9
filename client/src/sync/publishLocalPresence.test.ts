import type { Editor } from 'tldraw'
import type { Awareness } from 'y-protocols/awareness'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { PresenceState } from './presence.ts'
import { PRESENCE_INTERVAL_MS, publishLocalPresence } from './publishLocalPresence.ts'

/** Just what publishLocalPresence touches of tldraw's editor and of the awareness. */
function fakes() {
  let listener: ((info: { type: string; name: string }) => void) | null = null
  const container = document.createElement('div')
  const editor = {
    inputs: { getCurrentPagePoint: () => ({ x: 120.4, y: 80.6 }) },
    getCurrentPageId: () => 'page:page',
    getContainer: () => container,
    on: (_: string, fn: typeof listener) => void (listener = fn),
    off: () => void (listener = null),
  } as unknown as Editor
  const states: (PresenceState | null)[] = []
  const awareness = { setLocalState: (state: PresenceState | null) => void states.push(state) } as unknown as Awareness
  const point = () => listener?.({ type: 'pointer', name: 'pointer_move' })
  return { editor, awareness, states, point }
}

const user = { id: 'u1', name: 'Beamer', color: '#1971c2', role: 'projector' }

describe('publishing this device’s presence', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('publishes no cursor until the person points at the canvas (not a cursor parked at 0, 0)', () => {
    const { editor, awareness, states, point } = fakes()
    const stop = publishLocalPresence(editor, awareness, { ...user, role: 'participant' })
    expect(states.at(-1)).toMatchObject({ user: { name: 'Beamer' }, cursor: null, pageId: 'page:page' })
    vi.advanceTimersByTime(PRESENCE_INTERVAL_MS)
    point()
    vi.advanceTimersByTime(PRESENCE_INTERVAL_MS)
    expect(states.at(-1)?.cursor).toEqual({ x: 120, y: 81 })
    stop()
    expect(states.at(-1)).toBeNull()
  })

  it('a device that does not point (the projector) never publishes a cursor', () => {
    const { editor, awareness, states, point } = fakes()
    publishLocalPresence(editor, awareness, user, false)
    for (let i = 0; i < 3; i++) {
      point()
      vi.advanceTimersByTime(PRESENCE_INTERVAL_MS)
    }
    expect(states.length).toBeGreaterThan(0)
    expect(states.every((state) => state?.cursor === null)).toBe(true)
  })
})
