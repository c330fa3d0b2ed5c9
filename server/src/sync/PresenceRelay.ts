import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as awarenessProtocol from 'y-protocols/awareness'
import type * as Y from 'yjs'
import { encodeAwareness } from './messages.ts'

/** Largest presence state one client may publish (name, colour, cursor, viewport fit easily). */
export const MAX_PRESENCE_STATE_BYTES = 4096

/** Who receives presence fan-out: the room's connections (and other instances, if any). */
export interface PresenceAudience {
  recipients(): Iterable<{ send(message: Uint8Array): void }>
  /** Receives the awareness update of this instance's own clients' changes, once per fan-out. */
  publish?(update: Uint8Array): void
}

/** Origin of awareness entries relayed from another instance: fanned out, never re-published. */
const REMOTE = Symbol('remote presence')

/**
 * Presence (y-websocket awareness) of one board, relayed cheaply: updates are applied at once
 * but fanned out merged, once per interval, with only the latest state of each changed client.
 * A connection may only speak for the awareness client ids it introduced itself.
 */
export class PresenceRelay<C> {
  readonly awareness: awarenessProtocol.Awareness
  private readonly owners = new Map<number, C>()
  private readonly owned = new Map<C, Set<number>>()
  private readonly dirty = new Set<number>()
  /** Dirty entries that came from our own clients (the part other instances need). */
  private readonly dirtyLocal = new Set<number>()
  private timer: NodeJS.Timeout | null = null
  private stopped = false
  private readonly intervalMs: number
  private readonly audience: PresenceAudience

  constructor(doc: Y.Doc, intervalMs: number, audience: PresenceAudience) {
    this.intervalMs = intervalMs
    this.audience = audience
    this.awareness = new awarenessProtocol.Awareness(doc)
    this.awareness.setLocalState(null)
    this.awareness.on('update', this.onUpdate)
  }

  /** Everyone's current presence as one message (for a joining client), or null. */
  fullState(): Uint8Array | null {
    const ids = [...this.awareness.getStates().keys()]
    return ids.length > 0 ? encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids)) : null
  }

  /** Applies a client's awareness update; returns a reason when it must be refused. */
  receive(connection: C, update: Uint8Array): string | null {
    let entries: AwarenessEntry[]
    try {
      entries = readEntries(update)
    } catch (error) {
      return `bad awareness update: ${(error as Error).message}`
    }
    // y-websocket clients echo every awareness change they receive (other clients' states and
    // removals) back to the server with the clock they got. Such echoes change nothing and must
    // neither count as speaking for another client nor claim its id: only newer clocks do.
    const fresh = entries.filter((e) => e.clock > (this.awareness.meta.get(e.clientId)?.clock ?? -1))
    for (const { clientId, state } of fresh) {
      const owner = this.owners.get(clientId)
      if (owner !== undefined && owner !== connection) return 'awareness update for another client'
      if (state.length > MAX_PRESENCE_STATE_BYTES) return 'presence state too large'
    }
    if (fresh.length === 0) return null
    for (const { clientId } of fresh) this.claim(connection, clientId)
    try {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeEntries(fresh), connection)
    } catch (error) {
      return `bad awareness update: ${(error as Error).message}`
    }
    return null
  }

  /** Applies an awareness batch relayed from another instance (no ownership: not our client). */
  applyRemote(update: Uint8Array): void {
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, REMOTE)
  }

  /** Marks every entry of our own clients for publishing again (after a relay reconnect). */
  republishLocal(): void {
    for (const id of this.owners.keys()) if (this.awareness.getStates().has(id)) this.dirtyLocal.add(id)
    if (this.dirtyLocal.size > 0 && !this.timer && !this.stopped)
      this.timer = setTimeout(() => this.flush(), this.intervalMs)
  }

  /** Drops the presence of a connection that left. */
  remove(connection: C): void {
    const ids = this.owned.get(connection)
    this.owned.delete(connection)
    if (!ids) return
    for (const id of ids) this.owners.delete(id)
    if (ids.size > 0) awarenessProtocol.removeAwarenessStates(this.awareness, [...ids], connection)
  }

  stop(): void {
    this.stopped = true
    if (this.timer) clearTimeout(this.timer)
    this.awareness.off('update', this.onUpdate)
    this.awareness.destroy()
  }

  private claim(connection: C, clientId: number): void {
    this.owners.set(clientId, connection)
    let ids = this.owned.get(connection)
    if (!ids) this.owned.set(connection, (ids = new Set()))
    ids.add(clientId)
  }

  private readonly onUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ) => {
    // Expiry ('timeout') happens on every instance by itself; relayed entries are the sender's.
    const local = origin !== REMOTE && origin !== 'timeout'
    for (const id of [...added, ...updated, ...removed]) {
      this.dirty.add(id)
      if (local) this.dirtyLocal.add(id)
    }
    if (!this.timer && !this.stopped) this.timer = setTimeout(() => this.flush(), this.intervalMs)
  }

  private flush(): void {
    this.timer = null
    if (this.dirtyLocal.size > 0 && this.audience.publish) {
      this.audience.publish(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.dirtyLocal]))
    }
    this.dirtyLocal.clear()
    if (this.dirty.size === 0) return
    const message = encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.dirty]))
    this.dirty.clear()
    for (const recipient of this.audience.recipients()) recipient.send(message)
  }
}

interface AwarenessEntry {
  clientId: number
  clock: number
  /** The state as JSON text ("null" for a removal). */
  state: string
}

/** Reads the entries of an awareness update (the y-protocols wire format). */
function readEntries(update: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update)
  const count = decoding.readVarUint(decoder)
  const entries: AwarenessEntry[] = []
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder)
    const clock = decoding.readVarUint(decoder)
    const state = decoding.readVarString(decoder)
    entries.push({ clientId, clock, state })
  }
  return entries
}

function encodeEntries(entries: AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, entries.length)
  for (const { clientId, clock, state } of entries) {
    encoding.writeVarUint(encoder, clientId)
    encoding.writeVarUint(encoder, clock)
    encoding.writeVarString(encoder, state)
  }
  return encoding.toUint8Array(encoder)
}
