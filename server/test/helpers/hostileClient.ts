import { BoardDoc, openRecords, type RecordEntry } from '@pinnwand/shared'
import type { TLRecord } from '@tldraw/tlschema'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import WebSocket from 'ws'
import * as Y from 'yjs'
import type { TestServer } from './testServer.ts'
import { encodeFrame, openRawSocket } from './testServer.ts'
import { waitFor } from './waitFor.ts'

/**
 * A hand-written y-websocket client as an attacker on the venue network would write one: a bare
 * socket that keeps a mirror of the board (so it can read other people's Yjs client ids and
 * clocks) and sends whatever bytes it likes. Nothing it sends goes through a Yjs provider.
 */
export interface HostileSocket {
  ws: WebSocket
  /** The board as this socket received it (sync step 2 and every update since). */
  mirror: Y.Doc
  /** Resolves with the server's close frame. */
  closed: Promise<{ code: number; reason: string }>
  /** The close code once the server closed the socket, else null. */
  closeCode(): number | null
  /** Yjs client ids seen in presence (awareness) messages: every connected client announces its id. */
  presenceClients: Set<number>
  /** Bytes of the server's answer to this socket's sync step 1 (what a joining client downloads). */
  syncBytes(): number
  /**
   * Sends a Yjs update as a y-websocket sync update, or with `asSyncStep2` framed as the answer to
   * the server's sync step 1 (what a reconnecting tab sends). Nothing when the socket is closed.
   */
  sendUpdate(update: Uint8Array, asSyncStep2?: boolean): void
  /** Sends an awareness (presence) update as built by `awarenessUpdate`. */
  sendAwareness(update: Uint8Array): void
  /**
   * Resolves once the server handled everything sent before (it answers a sync step 1 in order,
   * after persisting what was pending) or closed the socket: with the close code, else null.
   */
  roundTrip(timeoutMs?: number): Promise<number | null>
  /** Resolves with the close code, or null if the socket is still open after `ms`. */
  closeWithin(ms: number): Promise<number | null>
  close(): void
}

/** Opens a hostile socket and waits until its mirror holds the board. */
export async function openHostileSocket(baseUrl: string, boardId: string, token: string): Promise<HostileSocket> {
  const raw = await openRawSocket(baseUrl, boardId, token)
  const mirror = new Y.Doc()
  let synced = false
  let syncBytes = 0
  let answers = 0
  const presenceClients = new Set<number>()
  let code: number | null = null
  void raw.closed.then((c) => (code = c.code))
  raw.ws.on('message', (data: Buffer) => {
    const decoder = decoding.createDecoder(new Uint8Array(data))
    const type = decoding.readVarUint(decoder)
    if (type === 1) {
      // Awareness: [count, (clientID, clock, state JSON)*] (y-protocols).
      const update = decoding.createDecoder(decoding.readVarUint8Array(decoder))
      for (let n = decoding.readVarUint(update); n > 0; n--) {
        presenceClients.add(decoding.readVarUint(update))
        decoding.readVarUint(update)
        decoding.readVarString(update)
      }
      return
    }
    if (type !== 0) return // the board state channel is not needed here
    const step = decoding.readVarUint(decoder)
    const payload = decoding.readVarUint8Array(decoder)
    if (step === 0) return
    if (step === 1) answers++
    Y.applyUpdate(mirror, payload)
    if (step === 1 && !synced) {
      synced = true
      syncBytes = payload.byteLength
    }
  })
  raw.ws.send(encodeFrame(0, 0, Y.encodeStateVector(new Y.Doc())))
  await waitFor(() => synced || code !== null, { what: 'hostile socket synced' })
  if (!synced) throw new Error(`hostile socket closed before sync: ${code}`)
  return {
    ws: raw.ws,
    mirror,
    closed: raw.closed,
    closeCode: () => code,
    presenceClients,
    syncBytes: () => syncBytes,
    sendUpdate(update, asSyncStep2 = false) {
      if (raw.ws.readyState === WebSocket.OPEN) raw.ws.send(encodeFrame(0, asSyncStep2 ? 1 : 2, update))
    },
    async roundTrip(timeoutMs = 5_000) {
      if (raw.ws.readyState !== WebSocket.OPEN) return code ?? (await raw.closed).code
      const before = answers
      raw.ws.send(encodeFrame(0, 0, Y.encodeStateVector(mirror)))
      await waitFor(() => answers > before || code !== null, { timeout: timeoutMs, what: 'hostile round trip' })
      return answers > before ? null : code
    },
    sendAwareness(update) {
      if (raw.ws.readyState !== WebSocket.OPEN) return
      const encoder = encoding.createEncoder()
      encoding.writeVarUint(encoder, 1)
      encoding.writeVarUint8Array(encoder, update)
      raw.ws.send(encoding.toUint8Array(encoder))
    },
    closeWithin: (ms) =>
      Promise.race([
        raw.closed.then((c) => c.code),
        new Promise<null>((resolve) => setTimeout(() => resolve(null), ms)),
      ]),
    close() {
      if (raw.ws.readyState === WebSocket.OPEN || raw.ws.readyState === WebSocket.CONNECTING) raw.ws.close()
    },
  }
}

/** The Yjs client id under which the current entry of `key` was written, as any client can read it. */
export function writerClientOf(doc: Y.Doc, key: string): number {
  let found: number | null = null
  let item = getRecordsArray(doc)._start
  for (; item; item = item.right) {
    if (item.deleted || !(item.content instanceof Y.ContentAny)) continue
    const entries = item.content.getContent() as RecordEntry[]
    // The rightmost entry of a key is its current value (YKeyValue).
    if (entries.some((e) => e.key === key)) found = item.id.client
  }
  if (found === null) throw new Error(`no entry for ${key}`)
  return found
}

/** The clock the next struct of `client` will have (its state in `doc`). */
export function nextClock(doc: Y.Doc, client: number): number {
  return Y.getState(doc.store, client)
}

function getRecordsArray(doc: Y.Doc): Y.Array<RecordEntry> {
  return doc.getArray<RecordEntry>(BoardDoc.records)
}

/**
 * Builds an update the way an attacker does: on a copy of what the attacker knows, writes under
 * any client id; writes made with `ghost` stay out of the encoded update. Later structs may take
 * a ghost struct as their origin (a *pending struct* for whoever lacks the ghost), and deletes of
 * ghost structs become delete ranges the receiver cannot resolve yet (a *pending delete set*).
 * Writing under someone else's id with `as` is a *foreign client id*.
 */
export class UpdateCrafter {
  readonly doc = new Y.Doc()
  private readonly base: Map<number, number>
  /** Per ghost client: the clock up to which its structs stay out of the update. */
  private readonly ghosts = new Map<number, number>()

  constructor(known: Y.Doc) {
    Y.applyUpdate(this.doc, Y.encodeStateAsUpdate(known))
    this.base = Y.decodeStateVector(Y.encodeStateVector(this.doc))
  }

  get records(): Y.Array<RecordEntry> {
    return getRecordsArray(this.doc)
  }

  /** Writes under `clientId` (raw Y.Array operations: no YKeyValue cleanup unless you delete). */
  as(clientId: number, write: (records: Y.Array<RecordEntry>, doc: Y.Doc) => void): this {
    const previous = this.doc.clientID
    this.doc.clientID = clientId
    try {
      this.doc.transact(() => write(this.records, this.doc))
    } finally {
      this.doc.clientID = previous
    }
    return this
  }

  /**
   * Like `as`, but the structs written are left out of `encode()`: the receiver never gets them.
   * Later `as` writes under the same id are sent (a gap in that client's clocks).
   */
  ghost(clientId: number, write: (records: Y.Array<RecordEntry>, doc: Y.Doc) => void): this {
    this.as(clientId, write)
    this.ghosts.set(clientId, nextClock(this.doc, clientId))
    return this
  }

  /** Appends `{ key, val }` at the end of the records array under `clientId`. */
  push(clientId: number, key: string, val: unknown): this {
    return this.as(clientId, (records) => records.push([{ key, val: val as TLRecord }]))
  }

  /** Everything written since the copy was taken, minus ghost structs (their deletes stay in). */
  encode(): Uint8Array {
    const target = new Map(this.base)
    for (const [client, clock] of this.ghosts) target.set(client, clock)
    return Y.encodeStateAsUpdate(this.doc, Y.encodeStateVector(target))
  }
}

/**
 * A struct-free update whose delete set names `ranges` (V1 encoding, written by hand, so any
 * client and clock can be named).
 */
export function deleteSetUpdate(ranges: { client: number; clock: number; len: number }[]): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, 0) // no structs
  const byClient = new Map<number, { clock: number; len: number }[]>()
  for (const r of ranges) byClient.set(r.client, [...(byClient.get(r.client) ?? []), r])
  encoding.writeVarUint(encoder, byClient.size)
  for (const [client, list] of byClient) {
    encoding.writeVarUint(encoder, client)
    encoding.writeVarUint(encoder, list.length)
    for (const { clock, len } of list) {
      encoding.writeVarUint(encoder, clock)
      encoding.writeVarUint(encoder, len)
    }
  }
  return encoding.toUint8Array(encoder)
}

/**
 * A struct-only update of GC (info 0) or Skip (info 10) structs, written by hand: they carry no
 * content, only a client, a clock and a length, so they claim clocks without any origin.
 */
export function placeholderUpdate(
  structs: { client: number; clock: number; len: number; kind: 'gc' | 'skip' }[],
): Uint8Array {
  const encoder = encoding.createEncoder()
  const byClient = new Map<number, typeof structs>()
  for (const s of structs) byClient.set(s.client, [...(byClient.get(s.client) ?? []), s])
  encoding.writeVarUint(encoder, byClient.size)
  for (const [client, list] of byClient) {
    list.sort((a, b) => a.clock - b.clock)
    encoding.writeVarUint(encoder, list.length)
    encoding.writeVarUint(encoder, client)
    encoding.writeVarUint(encoder, list[0]!.clock)
    for (const { kind, len } of list) {
      encoding.writeUint8(encoder, kind === 'gc' ? 0 : 10)
      encoding.writeVarUint(encoder, len)
    }
  }
  encoding.writeVarUint(encoder, 0) // empty delete set
  return encoding.toUint8Array(encoder)
}

/** An awareness update (y-protocols layout) with any client ids, clocks and states (null removes). */
export function awarenessUpdate(entries: { clientId: number; clock: number; state: unknown }[]): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, entries.length)
  for (const { clientId, clock, state } of entries) {
    encoding.writeVarUint(encoder, clientId)
    encoding.writeVarUint(encoder, clock)
    encoding.writeVarString(encoder, JSON.stringify(state))
  }
  return encoding.toUint8Array(encoder)
}

/** A fresh client id an attacker would make up (Yjs uses random uint32). */
export function throwawayClientId(random: () => number = Math.random): number {
  return Math.floor(random() * 0xfffffff0) + 1
}

/** What the room holds right now: nothing pending, per the invariant of issue 12. */
export function roomPending(server: TestServer, boardId: string): { structs: boolean; ds: boolean } | null {
  const room = server.server.rooms.getLoaded(boardId)
  if (!room) return null
  return { structs: room.doc.store.pendingStructs !== null, ds: room.doc.store.pendingDs !== null }
}

/** The board as the store holds it (snapshot plus log), as a fresh Y.Doc. */
export async function storedBoardDoc(server: TestServer, boardId: string): Promise<Y.Doc> {
  const stored = await server.server.store.loadBoardDocument(boardId)
  const doc = new Y.Doc()
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot)
  for (const update of stored.updates) Y.applyUpdate(doc, update.data)
  return doc
}

/** The current records of a board document (latest value per key), sorted by id, for comparing. */
export function recordsOf(doc: Y.Doc): Record<string, TLRecord> {
  // On a copy: YKeyValue cleans up duplicate entries in the doc it opens.
  const copy = new Y.Doc()
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
  const records = openRecords(copy)
  const out: Record<string, TLRecord> = {}
  for (const key of [...records.map.keys()].sort()) out[key] = records.get(key)!
  copy.destroy()
  return out
}

/** Waits until the board is no longer loaded on `server` (IDLE_UNLOAD_MS after the last client left). */
export async function waitForUnload(server: TestServer, boardId: string, timeout = 5_000): Promise<void> {
  await waitFor(() => !server.server.rooms.getLoaded(boardId), { timeout, what: `${boardId} unloaded` })
}
