import { describe, expect, it } from 'vitest'
import { applyAwarenessUpdate, Awareness, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness'
import * as Y from 'yjs'
import { createBoardStore } from './createBoardStore.ts'
import { presenceFromAwareness, presenceId, syncRemotePresence, type PresenceState } from './presence.ts'

const ada: PresenceState = {
  user: { id: 'u-ada', name: 'Ada', color: '#e03131', role: 'participant' },
  cursor: { x: 10, y: 20 },
  pageId: 'page:page',
}

describe('presence', () => {
  it('maps a well-formed awareness state to a presence record', () => {
    const record = presenceFromAwareness(7, ada, 1000)
    expect(record).toMatchObject({
      id: 'instance_presence:7',
      userId: 'user:u-ada',
      userName: 'Ada',
      color: '#e03131',
      currentPageId: 'page:page',
      cursor: { x: 10, y: 20, type: 'default', rotation: 0 },
      lastActivityTimestamp: 1000,
    })
  })

  it('rejects states that are not presence states and sanitises fields', () => {
    expect(presenceFromAwareness(1, null, 0)).toBeNull()
    expect(presenceFromAwareness(1, { user: 'x' }, 0)).toBeNull()
    const odd = presenceFromAwareness(
      1,
      { ...ada, user: { ...ada.user, color: 'url(evil)', name: 'n'.repeat(10_000) }, cursor: { x: 'a' } },
      0,
    )
    expect(odd?.color).toBe('#1971c2')
    expect(odd?.userName).toHaveLength(60)
    expect(odd?.cursor).toBeNull()
  })

  it('puts and removes presence records as remote awareness changes', () => {
    const local = new Awareness(new Y.Doc())
    const remote = new Awareness(new Y.Doc())
    const store = createBoardStore()
    const stop = syncRemotePresence(store, local)
    const relay = () => applyAwarenessUpdate(local, encodeAwarenessUpdate(remote, [remote.clientID]), 'provider')

    remote.setLocalState(ada)
    relay()
    expect(store.get(presenceId(remote.clientID))?.userName).toBe('Ada')

    remote.setLocalState({ ...ada, cursor: { x: 50, y: 60 } })
    relay()
    expect(store.get(presenceId(remote.clientID))?.cursor).toMatchObject({ x: 50, y: 60 })

    removeAwarenessStates(local, [remote.clientID], 'timeout')
    expect(store.get(presenceId(remote.clientID))).toBeUndefined()

    // Our own state never becomes a collaborator.
    local.setLocalState(ada)
    expect(store.get(presenceId(local.clientID))).toBeUndefined()
    stop()
  })
})
