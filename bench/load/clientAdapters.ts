import { HocuspocusProvider } from '@hocuspocus/provider'
import { BOARD_STATE_MESSAGE, openRecords } from '@pinnwand/shared'
import WebSocket from 'ws'
import type { Awareness } from 'y-protocols/awareness'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { installJitteredBackoff } from '../../client/src/sync/jitteredBackoff.ts'
import { sendOwnAwarenessOnly } from '../../client/src/sync/sendOwnAwarenessOnly.ts'
import { countAwarenessStates, hocuspocusAwarenessStates, readVarUint } from './awarenessCounting.ts'
import type { BoardRecords } from './cards.ts'

/** y-websocket's message types for sync and awareness; inside a sync message, an update. */
const MESSAGE_SYNC = 0
const MESSAGE_AWARENESS = 1
const SYNC_UPDATE = 2

/** Which client library speaks to the server. */
export type ClientProtocol = 'y-websocket' | 'hocuspocus'

/** Everything a worker needs to open one client. */
export interface ClientSpec {
  /** Global index of the client across all workers. */
  index: number
  protocol: ClientProtocol
  /** WebSocket base URL (ours: `ws://…/ws`; the peers: `ws://host:port`). */
  url: string
  /** Board id / document name. */
  room: string
  /** Query parameters (ours: `token`, `state`). */
  params?: Record<string, string>
  userId: string
  name: string
  /**
   * 'count' (default): others' awareness is counted, not applied (awarenessCounting.ts);
   * 'apply': the client library applies it as it does in a browser.
   */
  awareness?: 'count' | 'apply'
}

/** One connected client, whatever the protocol. */
export interface BenchClient {
  readonly spec: ClientSpec
  readonly doc: Y.Doc
  readonly records: BoardRecords
  readonly awareness: Awareness
  readonly synced: boolean
  /** WebSocket payload bytes received so far, over every socket this client opened. */
  readonly bytesReceived: number
  /** Called with true on every completed sync, with false when the connection drops. */
  onSyncChange(listener: (synced: boolean) => void): void
  /** Called for every awareness message from the server with the number of states in it. */
  onAwarenessReceived(listener: (states: number) => void): void
  /**
   * From now on, document updates from the server are received and counted but not applied
   * (a full sync after a reconnect still is). For the crowd benches: a thousand simulated people
   * applying every edit to their own Yjs document need the machine's two cores, which real
   * devices spend on their own CPUs; the server sends them the same bytes either way. A few
   * clients keep applying, to check that nothing was lost (docs/performance.md, "Light clients").
   */
  skipDocumentUpdates(): void
  destroy(): void
}

/** A sync message carrying a document update: the byte position after it, else null. */
function syncUpdateEnd(bytes: Uint8Array, pos: number): number | null {
  const [syncType, afterType] = readVarUint(bytes, pos)
  if (syncType !== SYNC_UPDATE) return null
  const [length, start] = readVarUint(bytes, afterType)
  return start + length
}

/** A `ws` WebSocket that adds up the payload of every message it receives (the server's egress to it). */
function countingWebSocket(counter: {
  bytes: number
}): new (address: string, protocols?: string | string[]) => WebSocket {
  return class CountingWebSocket extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols)
      this.on('message', (data: ArrayBuffer | Buffer) => {
        counter.bytes += data.byteLength
      })
    }
  }
}

/**
 * A real y-websocket `WebsocketProvider`, configured as the Pinnwand web app configures it:
 * it sends only its own awareness (the stock provider also echoes everyone else's) and
 * reconnects with jittered backoff. Used for our server and the reference server alike.
 */
function connectYWebsocket(spec: ClientSpec): BenchClient {
  const doc = new Y.Doc()
  const received = { bytes: 0 }
  const provider = new WebsocketProvider(spec.url, spec.room, doc, {
    params: spec.params ?? {},
    WebSocketPolyfill: countingWebSocket(received) as never,
    disableBc: true,
  })
  // Our server's board-state channel (`?state=1`): the web app reads it; here it is only taken.
  provider.messageHandlers[BOARD_STATE_MESSAGE] = () => undefined
  sendOwnAwarenessOnly(provider)
  installJitteredBackoff(provider)
  let skipping = false
  const applySync = provider.messageHandlers[MESSAGE_SYNC]!
  provider.messageHandlers[MESSAGE_SYNC] = (encoder, decoder, ...rest) => {
    const d = decoder as unknown as { arr: Uint8Array; pos: number }
    const end = skipping ? syncUpdateEnd(d.arr, d.pos) : null
    // Nothing written to the encoder: nothing is sent back.
    if (end !== null) d.pos = end
    else applySync(encoder, decoder, ...rest)
  }
  const listeners: ((synced: boolean) => void)[] = []
  const awarenessListeners: ((states: number) => void)[] = []
  if (spec.awareness === 'apply') {
    provider.awareness.on('update', ({ added, updated }: { added: number[]; updated: number[] }, origin: unknown) => {
      if (origin !== 'local') for (const listener of awarenessListeners) listener(added.length + updated.length)
    })
  } else {
    provider.messageHandlers[MESSAGE_AWARENESS] = (_encoder, decoder) => {
      const d = decoder as unknown as { arr: Uint8Array; pos: number }
      const [length, start] = readVarUint(d.arr, d.pos)
      const states = countAwarenessStates(d.arr, start)
      d.pos = start + length
      for (const listener of awarenessListeners) listener(states)
    }
  }
  provider.on('sync', (synced: boolean) => {
    for (const listener of listeners) listener(synced)
  })
  provider.on('status', ({ status }: { status: string }) => {
    if (status === 'disconnected') for (const listener of listeners) listener(false)
  })
  return {
    spec,
    doc,
    records: openRecords(doc),
    awareness: provider.awareness,
    get synced() {
      return provider.synced
    },
    get bytesReceived() {
      return received.bytes
    },
    onSyncChange: (listener) => listeners.push(listener),
    onAwarenessReceived: (listener) => awarenessListeners.push(listener),
    skipDocumentUpdates() {
      skipping = true
    },
    destroy() {
      provider.destroy()
      doc.destroy()
    },
  }
}

/** A real `@hocuspocus/provider` client with its own socket and default settings. */
function connectHocuspocus(spec: ClientSpec): BenchClient {
  const doc = new Y.Doc()
  const received = { bytes: 0 }
  const provider = new HocuspocusProvider({
    url: spec.url,
    name: spec.room,
    document: doc,
    token: 'bench',
    WebSocketPolyfill: countingWebSocket(received),
  } as ConstructorParameters<typeof HocuspocusProvider>[0])
  const listeners: ((synced: boolean) => void)[] = []
  const awarenessListeners: ((states: number) => void)[] = []
  if (spec.awareness === 'apply') {
    provider.awareness!.on('update', ({ added, updated }: { added: number[]; updated: number[] }, origin: unknown) => {
      if (origin !== 'local') for (const listener of awarenessListeners) listener(added.length + updated.length)
    })
  }
  let skipping = false
  const original = provider.onMessage.bind(provider)
  provider.onMessage = (event: MessageEvent) => {
    const bytes = new Uint8Array(event.data as ArrayBuffer)
    if (skipping && isHocuspocusUpdate(bytes)) return
    if (spec.awareness === 'apply') return original(event)
    const states = hocuspocusAwarenessStates(bytes)
    if (states === null) return original(event)
    for (const listener of awarenessListeners) listener(states)
  }
  provider.on('synced', ({ state }: { state: boolean }) => {
    for (const listener of listeners) listener(state)
  })
  provider.on('disconnect', () => {
    for (const listener of listeners) listener(false)
  })
  return {
    spec,
    doc,
    records: openRecords(doc),
    awareness: provider.awareness!,
    get synced() {
      return provider.isSynced
    },
    get bytesReceived() {
      return received.bytes
    },
    onSyncChange: (listener) => listeners.push(listener),
    onAwarenessReceived: (listener) => awarenessListeners.push(listener),
    skipDocumentUpdates() {
      skipping = true
    },
    destroy() {
      provider.destroy()
      doc.destroy()
    },
  }
}

/** A Hocuspocus message (document name, message type, payload) that is a sync update. */
function isHocuspocusUpdate(message: Uint8Array): boolean {
  const [nameLength, afterLength] = readVarUint(message, 0)
  const [type, afterType] = readVarUint(message, afterLength + nameLength)
  return type === MESSAGE_SYNC && syncUpdateEnd(message, afterType) !== null
}

export function connectClient(spec: ClientSpec): BenchClient {
  return spec.protocol === 'hocuspocus' ? connectHocuspocus(spec) : connectYWebsocket(spec)
}
