import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { BOARD_STATE_PARAM, CloseCode, Limits } from '@pinnwand/shared'
import type { Logger } from 'pino'
import { type WebSocket, WebSocketServer } from 'ws'
import { type Actor, canReadBoard } from '../auth/Actor.ts'
import { authenticate, isDeletedWorkshopToken } from '../auth/authenticate.ts'
import { generateId } from '../auth/tokens.ts'
import { websocketToken } from '../auth/websocketToken.ts'
import { clientAddress } from '../limits/clientAddress.ts'
import { ConnectionBudget, type ConnectionBudgetLimits, DEFAULT_CONNECTION_BUDGET } from '../limits/ConnectionBudget.ts'
import { ConnectionLimiter } from '../limits/ConnectionLimiter.ts'
import { isOpenToParticipants, type Store } from '../store/Store.ts'
import type { BoardRoom, RoomConnection } from './BoardRoom.ts'
import { decodeClientMessage, MalformedMessageError } from './messages.ts'
import type { RoomManager } from './RoomManager.ts'

const WS_PATH = /^\/ws\/([^/?#]+)\/?$/

/** Bytes queued on a socket beyond which we drop the client rather than buffer without bound. */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024

/** Frames and bytes a client may send before its connection is authenticated and attached. */
const MAX_EARLY_FRAMES = 1000
const MAX_EARLY_BYTES = 2 * Limits.wsMessageBytesMax

export interface GatewayLimits {
  /** Open connections per client address (0 = none). */
  connectionsPerIp: number
  trustProxy: boolean
  /** Overrides MAX_BUFFERED_BYTES. */
  slowClientBytes?: number
  /** Messages and bytes per second per connection (DEFAULT_CONNECTION_BUDGET when absent). */
  connectionBudget?: ConnectionBudgetLimits
  /** A connection refused or dropped by a limit (for metrics). */
  onRefused?(reason: 'connections_per_ip' | 'slow_client' | 'too_fast'): void
}

export interface WsGateway {
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void
  /** Closes every socket of one participant (token revoked). */
  closeConnectionsOf(userId: string, code: number, reason: string): void
  /** Closes every socket of a workshop (the workshop was deleted). */
  closeWorkshopConnections(workshopId: string, code: number, reason: string): void
  /** Closes every socket on one board (its workshop was deleted through another instance). */
  closeBoardConnections(boardId: string, code: number, reason: string): void
  readonly connectionCount: number
  close(): void
}

/**
 * The WebSocket adapter: authenticates the upgrade, then turns frames into room messages.
 * Everything about documents happens in BoardRoom.
 */
export function createWsGateway(deps: {
  store: Store
  rooms: RoomManager
  logger: Logger
  limits?: GatewayLimits
}): WsGateway {
  const { store, rooms, logger } = deps
  const limits: GatewayLimits = deps.limits ?? { connectionsPerIp: 0, trustProxy: false }
  const maxBufferedBytes = limits.slowClientBytes ?? MAX_BUFFERED_BYTES
  const perAddress = new ConnectionLimiter(limits.connectionsPerIp)
  const wss = new WebSocketServer({ noServer: true, maxPayload: Limits.wsMessageBytesMax })
  const sockets = new Map<WebSocket, { userId: string; workshopId: string; boardId: string }>()
  /**
   * One budget per person, shared by their sockets (reconnecting does not refill it); looked up
   * per message, as a budget that is full again is forgotten.
   */
  const budgets = new Map<string, ConnectionBudget>()
  const budgetOf = (userId: string): ConnectionBudget => {
    let budget = budgets.get(userId)
    if (!budget)
      budgets.set(userId, (budget = new ConnectionBudget(limits.connectionBudget ?? DEFAULT_CONNECTION_BUDGET)))
    return budget
  }

  type Frame = [Buffer | ArrayBuffer | Buffer[], boolean]

  async function accept(ws: WebSocket, request: IncomingMessage, early: Frame[]): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://localhost')
    const boardId = decodeURIComponent(WS_PATH.exec(url.pathname)?.[1] ?? '')
    const token = websocketToken(request, url)
    const actor = await authenticate(store, token)
    if (!actor) {
      if (await isDeletedWorkshopToken(store, token)) {
        return ws.close(CloseCode.workshopDeleted, 'workshop deleted')
      }
      return ws.close(CloseCode.invalidToken, 'invalid or missing token')
    }
    const board = await store.getBoard(boardId)
    if (!board) return ws.close(CloseCode.unknownBoard, 'unknown board')
    if (!canReadBoard(actor, board)) return ws.close(CloseCode.notAllowed, 'no access to this board')
    // A closed plenary is not a participant's place yet (the organiser opens it, or calls everyone there).
    if (actor.role === 'participant' && !isOpenToParticipants(board)) {
      return ws.close(CloseCode.notAllowed, 'the plenary is not open to participants')
    }
    // Opening a table's board makes it the participant's table, unless it is full (tableLimit.ts).
    if (actor.role === 'participant' && !(await store.takeSeat(board.id, actor.userId, Date.now())).ok) {
      return ws.close(CloseCode.tableFull, 'table full')
    }
    if (ws.readyState !== ws.OPEN) return
    const room = await rooms.open(boardId)
    if (ws.readyState !== ws.OPEN) return rooms.releaseIfIdle(room)
    attach(ws, room, actor, early, url.searchParams.get(BOARD_STATE_PARAM) === '1')
  }

  function attach(ws: WebSocket, room: BoardRoom, actor: Actor, early: Frame[], wantsState: boolean): void {
    const id = generateId('c')
    const log = logger.child({ connectionId: id, boardId: room.boardId, role: actor.role })
    const connection: RoomConnection = {
      id,
      actor,
      wantsState,
      send(message) {
        if (ws.readyState !== ws.OPEN) return
        if (ws.bufferedAmount > maxBufferedBytes) {
          log.warn({ buffered: ws.bufferedAmount }, 'client too slow; closing')
          limits.onRefused?.('slow_client')
          ws.close(CloseCode.serverShutdown, 'client too slow')
          return
        }
        ws.send(message)
      },
      close(code, reason) {
        ws.close(code, reason.slice(0, 120))
      },
    }
    sockets.set(ws, { userId: actor.userId, workshopId: actor.workshopId, boardId: room.boardId })
    room.addConnection(connection)
    log.debug('connected')

    for (const [userId, budget] of budgets) if (budget.isFull()) budgets.delete(userId)
    /** The room's verdict on one frame, or the budget's when the connection sends too much. */
    const judge = (bytes: Uint8Array): { closeCode: number; reason: string } | null => {
      const message = decodeClientMessage(bytes)
      const lane = message.kind === 'awareness' || message.kind === 'query-awareness' ? 'awareness' : 'update'
      if (budgetOf(actor.userId).admit(lane, bytes.byteLength)) return room.receive(connection, message)
      // Presence over budget is only a cursor position less. A document message cannot be
      // dropped (the client counts it as sent): the retryable close makes it reconnect and
      // resync, which loses nothing.
      if (lane === 'awareness') return null
      limits.onRefused?.('too_fast')
      return { closeCode: CloseCode.tooFast, reason: 'too many messages or bytes per second' }
    }
    // Set once we close the socket: the frames still queued behind the close are not handled.
    let closing = false
    const onMessage = (data: Frame[0], isBinary: boolean) => {
      if (closing) return
      let verdict: { closeCode: number; reason: string } | null
      if (!isBinary) verdict = { closeCode: CloseCode.malformedMessage, reason: 'binary frames only' }
      else {
        try {
          verdict = judge(toBytes(data))
        } catch (error) {
          if (!(error instanceof MalformedMessageError)) log.error({ err: error }, 'message handling failed')
          verdict = { closeCode: CloseCode.malformedMessage, reason: (error as Error).message }
        }
      }
      if (verdict) {
        closing = true
        log.warn({ code: verdict.closeCode, reason: verdict.reason }, 'closing connection after a refused message')
        connection.close(verdict.closeCode, verdict.reason)
      }
    }
    ws.removeAllListeners('message')
    ws.on('message', onMessage)
    // Clients speak first (sync step 1, awareness) while we are still authenticating.
    for (const [data, isBinary] of early.splice(0)) onMessage(data, isBinary)
    ws.on('close', () => {
      sockets.delete(ws)
      room.removeConnection(connection)
      rooms.releaseIfIdle(room)
      log.debug('disconnected')
    })
    ws.on('error', (error) => log.warn({ err: error }, 'socket error'))
  }

  return {
    handleUpgrade(request, socket, head) {
      if (!WS_PATH.test(new URL(request.url ?? '/', 'http://localhost').pathname)) {
        socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n')
        return
      }
      wss.handleUpgrade(request, socket, head, (ws) => {
        const address = clientAddress(request, limits.trustProxy)
        if (!perAddress.tryAcquire(address)) {
          limits.onRefused?.('connections_per_ip')
          logger.warn({ address }, 'too many connections from one address; refusing')
          ws.close(CloseCode.tooManyConnections, 'too many connections from this address')
          return
        }
        ws.once('close', () => perAddress.release(address))
        const early: Frame[] = []
        let earlyBytes = 0
        ws.on('message', (data, isBinary) => {
          if (ws.readyState !== ws.OPEN) return
          // Frames sent before the token is checked wait in memory (anyone can send them, and a
          // slow database makes the wait long): bounded, beyond that the sender goes.
          early.push([data, isBinary])
          earlyBytes += Array.isArray(data) ? data.reduce((sum, b) => sum + b.byteLength, 0) : data.byteLength
          if (early.length > MAX_EARLY_FRAMES || earlyBytes > MAX_EARLY_BYTES) {
            early.length = 0
            limits.onRefused?.('too_fast')
            ws.close(CloseCode.tooFast, 'too many messages before authentication')
          }
        })
        accept(ws, request, early).catch((error: unknown) => {
          logger.error({ err: error }, 'accepting websocket failed')
          ws.close(1011, 'server error')
        })
      })
    },
    closeConnectionsOf(userId, code, reason) {
      for (const [ws, info] of sockets) if (info.userId === userId) ws.close(code, reason)
    },
    closeWorkshopConnections(workshopId, code, reason) {
      for (const [ws, info] of sockets) if (info.workshopId === workshopId) ws.close(code, reason)
    },
    closeBoardConnections(boardId, code, reason) {
      for (const [ws, info] of sockets) if (info.boardId === boardId) ws.close(code, reason)
    },
    get connectionCount() {
      return sockets.size
    },
    close() {
      for (const ws of sockets.keys()) ws.close(CloseCode.serverShutdown, 'server shutting down')
      wss.close()
    },
  }
}

function toBytes(data: Buffer | ArrayBuffer | Buffer[]): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data))
  if (data instanceof ArrayBuffer) return new Uint8Array(data)
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
}
