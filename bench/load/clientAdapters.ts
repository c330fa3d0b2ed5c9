import { HocuspocusProvider } from '@hocuspocus/provider'
import { BOARD_STATE_MESSAGE, openRecords } from '@pinnwand/shared'
import WebSocket from 'ws'
import type { Awareness } from 'y-protocols/awareness'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { installJitteredBackoff } from '../../client/src/sync/jitteredBackoff.ts'
import { sendOwnAwarenessOnly } from '../../client/src/sync/sendOwnAwarenessOnly.ts'
import type { BoardRecords } from './cards.ts'

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
}

/** One connected client, whatever the protocol. */
export interface BenchClient {
  readonly spec: ClientSpec
  readonly doc: Y.Doc
  readonly records: BoardRecords
  readonly awareness: Awareness
  readonly synced: boolean
  /** Called with true on every completed sync, with false when the connection drops. */
  onSyncChange(listener: (synced: boolean) => void): void
  destroy(): void
}

/**
 * A real y-websocket `WebsocketProvider`, configured as the Pinnwand web app configures it:
 * it sends only its own awareness (the stock provider also echoes everyone else's) and
 * reconnects with jittered backoff. Used for our server and the reference server alike.
 */
function connectYWebsocket(spec: ClientSpec): BenchClient {
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(spec.url, spec.room, doc, {
    params: spec.params ?? {},
    WebSocketPolyfill: WebSocket as never,
    disableBc: true,
  })
  // Our server's board-state channel (`?state=1`): the web app reads it; here it is only taken.
  provider.messageHandlers[BOARD_STATE_MESSAGE] = () => undefined
  sendOwnAwarenessOnly(provider)
  installJitteredBackoff(provider)
  const listeners: ((synced: boolean) => void)[] = []
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
    onSyncChange: (listener) => listeners.push(listener),
    destroy() {
      provider.destroy()
      doc.destroy()
    },
  }
}

/** A real `@hocuspocus/provider` client with its own socket and default settings. */
function connectHocuspocus(spec: ClientSpec): BenchClient {
  const doc = new Y.Doc()
  const provider = new HocuspocusProvider({
    url: spec.url,
    name: spec.room,
    document: doc,
    token: 'bench',
    WebSocketPolyfill: WebSocket,
  } as ConstructorParameters<typeof HocuspocusProvider>[0])
  const listeners: ((synced: boolean) => void)[] = []
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
    onSyncChange: (listener) => listeners.push(listener),
    destroy() {
      provider.destroy()
      doc.destroy()
    },
  }
}

export function connectClient(spec: ClientSpec): BenchClient {
  return spec.protocol === 'hocuspocus' ? connectHocuspocus(spec) : connectYWebsocket(spec)
}
