import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as awarenessProtocol from 'y-protocols/awareness'
import type * as Y from 'yjs'
import { type Clock, type ClockTimer, systemClock } from './clock.ts'
import { encodeAwareness } from './messages.ts'

/** Largest presence state one client may publish (name, colour, cursor, viewport fit easily). */
export const MAX_PRESENCE_STATE_BYTES = 4096

/**
 * Awareness client ids one connection may speak for, and entries one message may change. A
 * y-websocket tab has one id (its doc's client id); the rest is headroom for odd clients.
 */
export const MAX_PRESENCE_IDS = 4

/** Client ids remembered per person after their connections left (older ones are forgotten). */
const REMEMBERED_IDS_PER_PERSON = 16

/** What the relay needs to know of a connection: the person behind it. */
export interface PresenceSpeaker {
  readonly actor: { readonly userId: string; readonly role?: string }
}

/**
 * Crowd presence (issue 18): above `fullUpTo` entries every client receives only the cursors of
 * up to `shown` people (facilitators first, then the most recently active), the same set for
 * everyone, so the bytes per client stay flat as the head count grows and presence no longer
 * costs the venue network N². Below `fullUpTo - hysteresis` everybody sees everybody again.
 */
export interface CrowdPresence {
  fullUpTo: number
  shown: number
}

export const DEFAULT_CROWD_PRESENCE: CrowdPresence = { fullUpTo: 30, shown: 12 }

/** Facilitators' cursors shown at most in a crowd (a participant's state may claim the role). */
const MAX_FACILITATORS_SHOWN = 3

/**
 * In a crowd a shown person keeps their place while they stay active (changed within this
 * time): when everyone moves, "the most recently active" would swap the whole set at every
 * fan-out, and every client would get a dozen new states (and see the names jump) 10× a second.
 */
const SHOWN_STAYS_ACTIVE_MS = 5000

/** Who receives presence fan-out: the room's connections (and other instances, if any). */
export interface PresenceAudience {
  recipients(): Iterable<{ send(message: Uint8Array): void }>
  /** Receives the awareness update of this instance's own clients' changes, once per fan-out. */
  publish?(update: Uint8Array): void
  /** Crowd presence switched on or off, or the number of people changed (null: everyone is shown). */
  crowd?(people: number | null): void
  /**
   * A client id was bound to a person for the first time (their connection announced it). The
   * room binds the document client id of the same number to them too, before anyone who saw it
   * in presence can write under it.
   */
  bound?(speaker: PresenceSpeaker, clientId: number): void
  /**
   * Whether `speaker` may introduce `clientId` on this instance: true, false, or the answer to
   * come (the id is someone's on another instance, as far as this one can tell yet). An attacker
   * on one instance may see a fresh id in a relayed document update before that instance has
   * the owner's presence for it; the store's binding decides then.
   */
  mayIntroduce?(speaker: PresenceSpeaker, clientId: number): boolean | Promise<boolean>
}

/** Origin of awareness entries relayed from another instance: fanned out, never re-published. */
const REMOTE = Symbol('remote presence')

/**
 * Presence (y-websocket awareness) of one board, relayed cheaply: updates are applied at once
 * but fanned out merged, once per interval, with only the latest state of each changed client.
 *
 * Awareness client ids are bound to the person who introduced them: a connection may speak for
 * an id it introduced, or one that another connection of the same person held (a reconnect
 * takes its old id over), but never for an id of someone else, also after they left (their tab
 * reconnects with the same id). Entries it may not write are ignored, not answered with a close:
 * a stale id is no reason to kill a page. At most MAX_PRESENCE_IDS ids per connection and entries
 * per message, at most MAX_PRESENCE_STATE_BYTES per state; the excess is dropped.
 */
export class PresenceRelay<C extends PresenceSpeaker> {
  readonly awareness: awarenessProtocol.Awareness
  /** The connection currently speaking for each client id. */
  private readonly holders = new Map<number, C>()
  private readonly held = new Map<C, Set<number>>()
  /** The person each client id belongs to; kept after the connection left. */
  private readonly boundTo = new Map<number, string>()
  /** Each person's bound ids, oldest first (to forget the oldest beyond the limit). */
  private readonly boundIds = new Map<string, number[]>()
  /**
   * Ids each connection introduced that wait for the store's answer (`mayIntroduce`), with the
   * latest state the connection sent for each meanwhile.
   */
  private readonly introducing = new Map<C, Map<number, AwarenessEntry>>()
  /** Connections that left (an id confirmed after that is not theirs to hold). */
  private readonly left = new WeakSet<C>()
  /** Ids whose latest state came from another instance: that instance's clients' ids. */
  private readonly remote = new Set<number>()
  private readonly dirty = new Set<number>()
  /** Dirty entries that came from our own clients (the part other instances need). */
  private readonly dirtyLocal = new Set<number>()
  private timer: ClockTimer | null = null
  private stopped = false
  private readonly intervalMs: number
  private readonly audience: PresenceAudience
  private readonly crowd: CrowdPresence
  /** When each entry last changed (our clients' and relayed ones), for "most recently active". */
  private readonly lastActive = new Map<number, number>()
  /** In crowd mode: the entries every client currently has; null: every client has all. */
  private shownNow: Set<number> | null = null
  private peopleReported: number | null = null
  private peopleReportedAt = 0

  private readonly clock: Clock

  constructor(
    doc: Y.Doc,
    intervalMs: number,
    audience: PresenceAudience,
    crowd = DEFAULT_CROWD_PRESENCE,
    clock: Clock = systemClock,
  ) {
    this.clock = clock
    this.intervalMs = intervalMs
    this.audience = audience
    this.crowd = crowd
    this.awareness = new awarenessProtocol.Awareness(doc)
    this.awareness.setLocalState(null)
    this.awareness.on('update', this.onUpdate)
    this.awareness.on('change', this.onChange)
  }

  /** Everyone's current presence as one message (for a joining client), or null. */
  fullState(): Uint8Array | null {
    const ids = this.shownNow ? [...this.shownNow] : [...this.awareness.getStates().keys()]
    return ids.length > 0 ? encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids)) : null
  }

  /**
   * Applies what a client may write of its awareness update (see the class). Returns a reason
   * only for an update that cannot be decoded.
   */
  receive(connection: C, update: Uint8Array): string | null {
    let entries: AwarenessEntry[]
    try {
      entries = readEntries(update)
    } catch (error) {
      return `bad awareness update: ${(error as Error).message}`
    }
    const accepted: AwarenessEntry[] = []
    let deferred = 0
    for (const received of entries) {
      if (accepted.length + deferred === MAX_PRESENCE_IDS) break
      let entry = received
      const known = this.awareness.meta.get(entry.clientId)?.clock ?? -1
      if (entry.clock <= known) {
        // A tab coming back re-sends its state with the clock it had, which is the clock its
        // entry was removed at here: resumed under the next clock, it shows at once instead of
        // after the tab's next change (or the 15 s renewal).
        if (this.resumes(connection, entry)) entry = { ...entry, clock: known + 1 }
        // y-websocket clients echo every awareness change they receive (other clients' states and
        // removals) back to the server with the clock they got. Such echoes change nothing and
        // must neither count as speaking for another client nor claim its id.
        else continue
      }
      // A newer state for an id still waiting for the store replaces the parked one: a tab sends
      // its empty state on connect and its name a moment later, and the name must not be lost
      // (it would show only with the 15 s renewal).
      const parked = this.introducing.get(connection)
      const waiting = parked?.get(entry.clientId)
      if (parked && waiting) {
        if (entry.clock > waiting.clock && Buffer.byteLength(entry.state) <= MAX_PRESENCE_STATE_BYTES) {
          if (!isJson(entry.state)) return 'bad awareness update: a state is not JSON'
          parked.set(entry.clientId, entry)
        }
        deferred++
        continue
      }
      if (!this.maySpeakFor(connection, entry.clientId)) continue
      if (Buffer.byteLength(entry.state) > MAX_PRESENCE_STATE_BYTES) continue
      // Checked before anything is applied: y-protocols would stop halfway through the update.
      if (!isJson(entry.state)) return 'bad awareness update: a state is not JSON'
      if (!this.boundTo.has(entry.clientId) && this.audience.mayIntroduce) {
        const verdict = this.audience.mayIntroduce(connection, entry.clientId)
        if (verdict === false) continue
        if (verdict !== true) {
          this.introduceLater(connection, entry, verdict)
          deferred++
          continue
        }
      }
      this.claim(connection, entry.clientId)
      accepted.push(entry)
    }
    if (accepted.length > 0) awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeEntries(accepted), connection)
    return null
  }

  /** Applies `entry` once the store has said the id is the speaker's (and the speaker is still here). */
  private introduceLater(connection: C, entry: AwarenessEntry, verdict: Promise<boolean>): void {
    let ids = this.introducing.get(connection)
    if (!ids) this.introducing.set(connection, (ids = new Map()))
    ids.set(entry.clientId, entry)
    void verdict
      .catch(() => false)
      .then((allowed) => {
        const latest = ids.get(entry.clientId) ?? entry
        ids.delete(entry.clientId)
        if (ids.size === 0 && this.introducing.get(connection) === ids) this.introducing.delete(connection)
        if (!allowed || this.stopped || this.left.has(connection)) return
        // Bound now (in the store and in the room's cache): a second pass applies the latest
        // state sent meanwhile, or ignores it if something newer arrived otherwise.
        this.receive(connection, encodeEntries([latest]))
      })
  }

  /** Applies an awareness batch relayed from another instance, except for ids our clients hold. */
  applyRemote(update: Uint8Array): void {
    const entries = readEntries(update).filter((entry) => !this.holders.has(entry.clientId))
    if (entries.length > 0) awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeEntries(entries), REMOTE)
  }

  /** Marks every entry of our own clients for publishing again (after a relay reconnect). */
  republishLocal(): void {
    for (const id of this.holders.keys()) if (this.awareness.getStates().has(id)) this.dirtyLocal.add(id)
    if (this.dirtyLocal.size > 0 && !this.timer && !this.stopped)
      this.timer = this.clock.setTimeout(() => this.flush(), this.intervalMs)
  }

  /** Drops the presence of a connection that left; its ids stay bound to its person. */
  remove(connection: C): void {
    this.left.add(connection)
    this.introducing.delete(connection)
    const ids = this.held.get(connection)
    this.held.delete(connection)
    if (!ids) return
    for (const id of ids) this.holders.delete(id)
    if (ids.size > 0) awarenessProtocol.removeAwarenessStates(this.awareness, [...ids], connection)
  }

  stop(): void {
    this.stopped = true
    if (this.timer) this.clock.clearTimeout(this.timer)
    this.awareness.off('update', this.onUpdate)
    this.awareness.off('change', this.onChange)
    this.awareness.destroy()
  }

  /** A state (not a removal) for an id of this person that has no state now. */
  private resumes(connection: C, entry: AwarenessEntry): boolean {
    return (
      entry.state !== 'null' &&
      this.boundTo.get(entry.clientId) === connection.actor.userId &&
      !this.awareness.getStates().has(entry.clientId)
    )
  }

  private maySpeakFor(connection: C, clientId: number): boolean {
    if (this.holders.get(clientId) === connection) return true
    const owner = this.boundTo.get(clientId)
    if (owner !== undefined && owner !== connection.actor.userId) return false
    // Another instance's client: its own instance speaks for it.
    if (this.remote.has(clientId)) return false
    // Ids waiting for the store's answer count too: a flood of new ids costs at most a few claims.
    const introducing = this.introducing.get(connection)
    if (introducing?.has(clientId)) return false
    return (this.held.get(connection)?.size ?? 0) + (introducing?.size ?? 0) < MAX_PRESENCE_IDS
  }

  /** Makes `connection` the holder of `clientId` (taking it over from the same person's old one). */
  private claim(connection: C, clientId: number): void {
    const previous = this.holders.get(clientId)
    if (previous === connection) return
    if (previous !== undefined) this.held.get(previous)?.delete(clientId)
    this.holders.set(clientId, connection)
    let ids = this.held.get(connection)
    if (!ids) this.held.set(connection, (ids = new Set()))
    ids.add(clientId)
    if (this.boundTo.has(clientId)) return
    const person = connection.actor.userId
    this.boundTo.set(clientId, person)
    this.audience.bound?.(connection, clientId)
    let bound = this.boundIds.get(person)
    if (!bound) this.boundIds.set(person, (bound = []))
    bound.push(clientId)
    // Bounded memory however often one person reconnects with new ids.
    if (bound.length > REMEMBERED_IDS_PER_PERSON) {
      const index = bound.findIndex((id) => !this.holders.has(id))
      if (index >= 0) this.boundTo.delete(bound.splice(index, 1)[0]!)
    }
  }

  /** Content changes only: the 15 s renewal of an idle tab does not make it "active". */
  private readonly onChange = ({ added, updated }: { added: number[]; updated: number[] }) => {
    const now = this.clock.now()
    for (const id of [...added, ...updated]) this.lastActive.set(id, now)
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
    for (const id of removed) this.lastActive.delete(id)
    if (origin === REMOTE) for (const id of [...added, ...updated]) this.remote.add(id)
    for (const id of removed) this.remote.delete(id)
    if (!this.timer && !this.stopped) this.timer = this.clock.setTimeout(() => this.flush(), this.intervalMs)
  }

  private flush(): void {
    this.timer = null
    if (this.dirtyLocal.size > 0 && this.audience.publish) {
      this.audience.publish(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.dirtyLocal]))
    }
    this.dirtyLocal.clear()
    const states = this.awareness.getStates()
    const crowded = this.shownNow
      ? states.size > this.crowd.fullUpTo - hysteresis(this.crowd)
      : states.size > this.crowd.fullUpTo
    const message = crowded ? this.crowdMessage(states) : this.fullMessage()
    this.dirty.clear()
    this.reportPeople(crowded ? people(states) : null)
    if (!message) return
    for (const recipient of this.audience.recipients()) recipient.send(message)
  }

  /**
   * Everyone sees everyone: the changed entries. An entry that was out of view comes back with
   * its next change or its tab's 15 s renewal: clients dropped it at its current clock, and only
   * its own tab may count that clock up.
   */
  private fullMessage(): Uint8Array | null {
    this.shownNow = null
    const ids = [...this.dirty]
    return ids.length > 0 ? encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids)) : null
  }

  /**
   * Crowd mode: one message for everyone with the shown entries that changed or came into view,
   * and a removal (at the entry's own clock, which y-protocols accepts as a removal) for each one
   * that left the view. Entries out of view are not sent at all.
   */
  private crowdMessage(states: Map<number, unknown>): Uint8Array | null {
    const shown = this.chooseShown(states)
    // Entering crowd mode, every client has every entry (and the removals not yet sent).
    const before = this.shownNow ?? new Set([...states.keys(), ...this.dirty])
    this.shownNow = shown
    const entries: AwarenessEntry[] = []
    for (const id of shown) if (this.dirty.has(id) || !before.has(id)) entries.push(this.entryOf(id, states))
    for (const id of before) {
      if (shown.has(id)) continue
      const clock = this.awareness.meta.get(id)?.clock
      if (clock !== undefined) entries.push({ clientId: id, clock, state: 'null' })
    }
    return entries.length > 0 ? encodeAwareness(encodeEntries(entries)) : null
  }

  /**
   * Facilitators first (verified ones before claimed ones), then those shown already who are
   * still active, then the most recently active.
   */
  private chooseShown(states: Map<number, unknown>): Set<number> {
    const shown = new Set<number>()
    const verified = [...this.holders].filter(([, c]) => c.actor.role === 'facilitator').map(([id]) => id)
    const claimed = [...states.keys()].filter((id) => roleOf(states.get(id)) === 'facilitator')
    for (const id of [...verified, ...claimed]) {
      if (shown.size >= MAX_FACILITATORS_SHOWN) break
      if (states.has(id)) shown.add(id)
    }
    const now = this.clock.now()
    const stillActive = (id: number) => now - (this.lastActive.get(id) ?? 0) < SHOWN_STAYS_ACTIVE_MS
    for (const id of this.shownNow ?? []) {
      if (shown.size >= this.crowd.shown) break
      if (states.has(id) && stillActive(id) && roleOf(states.get(id)) !== 'projector') shown.add(id)
    }
    const byRecency = [...states.keys()]
      .filter((id) => !shown.has(id) && roleOf(states.get(id)) !== 'projector')
      .sort((a, b) => (this.lastActive.get(b) ?? 0) - (this.lastActive.get(a) ?? 0))
    for (const id of byRecency) {
      if (shown.size >= this.crowd.shown) break
      shown.add(id)
    }
    return shown
  }

  private entryOf(id: number, states: Map<number, unknown>): AwarenessEntry {
    const state = states.get(id)
    return { clientId: id, clock: this.awareness.meta.get(id)?.clock ?? 0, state: JSON.stringify(state ?? null) }
  }

  /** Tells the room the head count while in crowd mode, when it changes (and null when it ends). */
  private reportPeople(count: number | null): void {
    if (count === this.peopleReported) return
    // A crowd comes and goes all the time: a new count at most every 2 s (on and off at once).
    const now = this.clock.now()
    if (count !== null && this.peopleReported !== null && now - this.peopleReportedAt < 2000) return
    this.peopleReported = count
    this.peopleReportedAt = now
    this.audience.crowd?.(count)
  }
}

const hysteresis = (crowd: CrowdPresence) => Math.max(2, Math.floor(crowd.fullUpTo / 5))

function roleOf(state: unknown): unknown {
  const user = (state as { user?: { role?: unknown } } | null)?.user
  return typeof user === 'object' && user !== null ? user.role : undefined
}

/** People on the board by their states (one per person with several tabs; projectors left out). */
function people(states: Map<number, unknown>): number {
  const ids = new Set<unknown>()
  for (const state of states.values()) {
    if (roleOf(state) === 'projector') continue
    const user = (state as { user?: { id?: unknown } } | null)?.user
    ids.add(typeof user === 'object' && user !== null && user.id !== undefined ? user.id : state)
  }
  return ids.size
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

function isJson(text: string): boolean {
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
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
