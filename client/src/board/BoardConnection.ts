import { CloseCode, isTerminalCloseCode } from '@pinnwand/shared/closeCodes'
import { getRecordsArray } from '@pinnwand/shared/boardDocument'
import { BOARD_STATE_MESSAGE, BOARD_STATE_PARAM, type BoardStateMessage } from '@pinnwand/shared/boardState'
import * as decoding from 'lib0/decoding'
import { IndexeddbPersistence } from 'y-indexeddb'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { batchRemoteCacheWrites, type RemoteCacheBatch } from '../sync/batchRemoteCacheWrites.ts'
import { installJitteredBackoff } from '../sync/jitteredBackoff.ts'
import { sendOwnAwarenessOnly } from '../sync/sendOwnAwarenessOnly.ts'
import { UnloadJournal } from '../sync/unloadJournal.ts'
import { ConnectionStatus } from '../state/sessionStore.ts'
import { readBoardState } from './readBoardState.ts'

export interface BoardConnectionEvents {
  onStatus(status: ConnectionStatus, closeCode: number | null): void
  /** The doc holds the board (from the server or from this browser's cache): safe to bind. */
  onReady(): void
  /** Server-owned lock and phase, sent on connect and on every change. */
  onBoardState(state: BoardStateMessage): void
}

/**
 * One board's Y.Doc with its two replicas: the server (y-websocket) and this browser's
 * IndexedDB cache. Edits made offline stay in the doc and the cache, and y-websocket's sync
 * step 1/2 sends them after the next connect, so nothing typed in a Wi-Fi gap is lost.
 */
export class BoardConnection {
  readonly doc = new Y.Doc()
  readonly provider: WebsocketProvider
  readonly persistence: IndexeddbPersistence
  /** This tab's last edits, kept synchronously for a reload that aborts the cache's write. */
  readonly journal: UnloadJournal
  private readonly cacheBatch: RemoteCacheBatch
  private ready = false
  private everSynced = false
  private readonly cleanups: (() => void)[] = []
  private readonly events: BoardConnectionEvents

  /** `cacheOwner` (the user id) keeps one cache per board and person on a shared device. */
  constructor(boardId: string, token: string, events: BoardConnectionEvents, cacheOwner?: string) {
    this.events = events
    const cacheName = `pinnwand-board-${boardId}${cacheOwner ? `-${cacheOwner}` : ''}`
    this.persistence = new IndexeddbPersistence(cacheName, this.doc)
    this.journal = new UnloadJournal(this.doc, cacheName, {
      isOwn: (origin) => origin !== this.provider && origin !== this.persistence,
    })
    // The cache alone is enough to show the board offline, but only if it has the board in it;
    // an empty cache (first visit) must wait for the server. Edits the previous page of this
    // tab made just before it went away are applied on top of the cache.
    void this.persistence.whenSynced.then(() => {
      this.journal.restore()
      if (getRecordsArray(this.doc).length > 0) this.markReady()
    })

    const wsOrigin = `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}`
    // The token travels in the subprotocol offer, not the URL, so it stays out of proxy access
    // logs; the server answers with 'pinnwand' and never echoes it. Tokens are base64url and
    // always fit a subprotocol; anything else falls back to the query parameter.
    const inHeader = /^[\w-]+$/.test(token)
    this.provider = new WebsocketProvider(`${wsOrigin}/ws`, boardId, this.doc, {
      params: inHeader ? { [BOARD_STATE_PARAM]: '1' } : { token, [BOARD_STATE_PARAM]: '1' },
      protocols: inHeader ? ['pinnwand', `pinnwand.token.${token}`] : [],
      // Each tab syncs with the server only. Over BroadcastChannel, tabs of different people in
      // one browser would hand each other document updates, and a tab forwarding someone else's
      // unsynced edits is refused by the server (Yjs client ids are bound to their writer).
      disableBc: true,
    })
    this.cacheBatch = batchRemoteCacheWrites(this.doc, this.persistence, {
      isRemote: (origin) => origin === this.provider,
    })
    // Registered before the socket opens (the constructor only starts connecting), so the
    // state the server sends right after the handshake is not dropped as an unknown type.
    this.provider.messageHandlers[BOARD_STATE_MESSAGE] = (_encoder, decoder) => {
      const state = readBoardState(decoding.readVarString(decoder))
      if (state) this.events.onBoardState(state)
    }
    this.cleanups.push(installJitteredBackoff(this.provider))
    this.cleanups.push(sendOwnAwarenessOnly(this.provider))

    const onSync = (synced: boolean) => {
      if (!synced) return
      this.everSynced = true
      this.events.onStatus(ConnectionStatus.connected, null)
      this.markReady()
    }
    const onStatus = ({ status }: { status: 'connected' | 'connecting' | 'disconnected' }) => {
      // Until the board is shown, retries read "connecting"; once it is shown (from the server
      // or the cache) a failed attempt reads "offline" until synced again, so the badge does
      // not flicker with every reconnect attempt.
      if (status === 'disconnected') this.events.onStatus(ConnectionStatus.offline, null)
      else if (status === 'connecting' && !this.ready) this.events.onStatus(ConnectionStatus.connecting, null)
    }
    const onConnectionClose = (event: CloseEvent | null) => {
      if (event && isTerminalCloseCode(event.code)) return
      if (this.ready) this.events.onStatus(ConnectionStatus.offline, null)
    }
    const onClosed = ({ code }: { code: number }) => {
      this.events.onStatus(ConnectionStatus.closed, code)
    }
    this.provider.on('sync', onSync)
    this.provider.on('status', onStatus)
    this.provider.on('connection-close', onConnectionClose)
    this.provider.on('closed', onClosed)
    this.cleanups.push(() => {
      this.provider.off('sync', onSync)
      this.provider.off('status', onStatus)
      this.provider.off('connection-close', onConnectionClose)
      this.provider.off('closed', onClosed)
    })

    // The browser knows about a lost network before the socket times out. Chromium keeps an open
    // WebSocket through it (it is neither closed nor errored), and y-websocket only reports
    // "synced" again after a new connection: the badge read "offline" for good, and the private
    // outbox waited, until a reload. So the socket is dropped when the network goes, and a new
    // one opens the moment it is back instead of after the reconnect backoff (up to 10 s).
    const onOffline = () => {
      this.events.onStatus(ConnectionStatus.offline, null)
      this.restartSocket()
    }
    const onOnline = () => {
      if (!this.provider.wsconnected) this.restartSocket()
    }
    window.addEventListener('offline', onOffline)
    window.addEventListener('online', onOnline)
    this.cleanups.push(() => {
      window.removeEventListener('offline', onOffline)
      window.removeEventListener('online', onOnline)
    })
  }

  /**
   * Closes the current socket (open, or still connecting) and starts a new attempt now. Offline,
   * that attempt fails and y-websocket's backoff takes over; what was typed meanwhile is in the
   * doc and goes with the sync on the next connect. Not after a terminal close (the server said
   * no), which leaves `shouldConnect` false.
   */
  private restartSocket() {
    if (!this.provider.shouldConnect) return
    this.provider.disconnect()
    this.provider.connect()
  }

  private markReady() {
    if (this.ready) return
    this.ready = true
    this.events.onReady()
  }

  destroy() {
    for (const cleanup of this.cleanups.splice(0)) cleanup()
    this.journal.dispose()
    this.cacheBatch.dispose()
    this.provider.destroy()
    void this.persistence.destroy()
    this.doc.destroy()
  }
}

/** The i18n key explaining a terminal close code. */
export function closeCodeMessageKey(code: number | null): string {
  switch (code) {
    case CloseCode.invalidToken:
      return 'error.invalidToken'
    case CloseCode.notAllowed:
      return 'error.notAllowed'
    case CloseCode.unknownBoard:
      return 'error.unknownBoard'
    case CloseCode.schemaMismatch:
      return 'error.schemaMismatch'
    case CloseCode.workshopDeleted:
      return 'error.workshopDeleted'
    case CloseCode.tableFull:
      return 'error.tableFull'
    default:
      return 'error.badMessage'
  }
}
