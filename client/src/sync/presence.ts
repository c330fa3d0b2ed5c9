import {
  InstancePresenceRecordType,
  type TLInstancePresence,
  type TLInstancePresenceID,
  type TLPageId,
  type TLStore,
  type TLUserId,
} from 'tldraw'
import type { Awareness } from 'y-protocols/awareness'

/** What each client publishes in its awareness state (kept small: it is sent at up to 10 Hz). */
export interface PresenceState {
  user: { id: string; name: string; color: string; role: string }
  cursor: { x: number; y: number } | null
  pageId: string | null
}

const MAX_NAME = 60

/**
 * Turns another client's awareness state into a tldraw presence record, or null when the
 * state is not (yet) a presence state. Awareness comes from other browsers: treat it as
 * untrusted and copy only checked fields.
 */
export function presenceFromAwareness(clientId: number, state: unknown, now: number): TLInstancePresence | null {
  if (typeof state !== 'object' || state === null) return null
  const { user, cursor, pageId } = state as Partial<Record<keyof PresenceState, unknown>>
  if (typeof user !== 'object' || user === null) return null
  const { id, name, color } = user as Record<string, unknown>
  if (typeof id !== 'string' || typeof name !== 'string' || typeof pageId !== 'string') return null
  const point = isPoint(cursor) ? cursor : null
  return InstancePresenceRecordType.create({
    id: presenceId(clientId),
    // tldraw 5 requires the 'user:' prefix on user ids.
    userId: `user:${id}` as TLUserId,
    userName: name.slice(0, MAX_NAME),
    color: typeof color === 'string' && /^#[0-9a-f]{6}$/i.test(color) ? color : '#1971c2',
    currentPageId: pageId as TLPageId,
    cursor: point ? { x: point.x, y: point.y, type: 'default', rotation: 0 } : null,
    // Our own clock, not the sender's: tldraw hides idle cursors by this time.
    lastActivityTimestamp: now,
  })
}

export function presenceId(clientId: number): TLInstancePresenceID {
  return InstancePresenceRecordType.createId(String(clientId))
}

function isPoint(value: unknown): value is { x: number; y: number } {
  return (
    typeof value === 'object' &&
    value !== null &&
    Number.isFinite((value as { x?: unknown }).x) &&
    Number.isFinite((value as { y?: unknown }).y)
  )
}

function isValid(store: TLStore, record: TLInstancePresence): boolean {
  try {
    store.schema.validateRecord(store, record, 'createRecord', null)
    return true
  } catch (error) {
    console.warn('[pinnwand] ignoring invalid presence state', error)
    return false
  }
}

/**
 * Mirrors remote awareness states into the store as `instance_presence` records, so tldraw
 * draws other people's cursors with name and colour itself. Returns a function that stops it.
 */
export function syncRemotePresence(store: TLStore, awareness: Awareness, now = () => Date.now()): () => void {
  const apply = (clientIds: number[]) => {
    const toPut: TLInstancePresence[] = []
    const toRemove: TLInstancePresenceID[] = []
    const states = awareness.getStates()
    for (const clientId of clientIds) {
      if (clientId === awareness.clientID) continue
      const previous = store.get(presenceId(clientId))
      const next = presenceFromAwareness(clientId, states.get(clientId), now())
      if (next && isValid(store, next)) {
        // Keep the old activity time when only the heartbeat re-sent the same cursor,
        // so a person who left the mouse alone fades out as tldraw intends.
        const moved = !previous || previous.cursor?.x !== next.cursor?.x || previous.cursor?.y !== next.cursor?.y
        toPut.push(moved ? next : { ...next, lastActivityTimestamp: previous.lastActivityTimestamp })
      } else if (previous) {
        toRemove.push(presenceId(clientId))
      }
    }
    if (toPut.length === 0 && toRemove.length === 0) return
    store.mergeRemoteChanges(() => {
      if (toRemove.length > 0) store.remove(toRemove)
      if (toPut.length > 0) store.put(toPut)
    })
  }
  const onChange = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
    apply([...added, ...updated, ...removed])
  }
  awareness.on('change', onChange)
  apply([...awareness.getStates().keys()])
  return () => {
    awareness.off('change', onChange)
    const ids = store.query
      .records('instance_presence')
      .get()
      .map((record) => record.id)
    if (ids.length > 0) store.mergeRemoteChanges(() => store.remove(ids))
  }
}
