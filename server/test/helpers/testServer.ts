import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import {
  BOARD_STATE_MESSAGE,
  type BoardStateMessage,
  IDEA_CARD_TYPE,
  type IdeaCardShape,
  openRecords,
} from '@pinnwand/shared'
import { callApi } from '@pinnwand/shared/contract/callApi'
import * as workshopRoutes from '@pinnwand/shared/workshopRoutes'
import * as decoding from 'lib0/decoding'
import type { TLRecord } from '@tldraw/tlschema'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import type { YKeyValue } from 'y-utility/y-keyvalue'
import * as Y from 'yjs'
import { loadConfig } from '../../src/config.ts'
import { createServer, type RunningServer } from '../../src/createServer.ts'
import { waitFor } from './waitFor.ts'

export function freshDataDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'pinnwand-test-'))
}

export interface TestServer {
  server: RunningServer
  url: string
  dataDir: string
  /** Closes the server and removes its data directory. */
  stop(): Promise<void>
}

/** The real server, in-process, on a free port with a fresh SQLite database. */
export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  const dataDir = env.DATA_DIR ?? freshDataDir()
  const server = await createServer(
    loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      IDLE_UNLOAD_MS: '200',
      CLIENT_DIST: path.join(dataDir, 'no-client'),
      ...env,
    }),
  )
  return {
    server,
    url: server.url,
    dataDir,
    async stop() {
      await server.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

export interface ApiResponse<T = any> {
  status: number
  body: T
  headers: Headers
}

/** One JSON API call. `body` may be a string to send it verbatim (invalid JSON tests). */
export async function api<T = any>(
  baseUrl: string,
  method: string,
  route: string,
  { token, body }: { token?: string; body?: unknown } = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = {}
  if (token) headers.authorization = `Bearer ${token}`
  if (body !== undefined) headers['content-type'] = 'application/json'
  const response = await fetch(baseUrl + route, {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  })
  const text = await response.text()
  let parsed: unknown = text
  try {
    parsed = JSON.parse(text)
  } catch {
    // Non-JSON answers stay text, so a test can assert they never happen.
  }
  return { status: response.status, body: parsed as T, headers: response.headers }
}

export interface TestWorkshop {
  workshopId: string
  joinCode: string
  facilitatorToken: string
  projectorToken: string
  boardIds: string[]
}

export async function createWorkshop(baseUrl: string, boards = 1): Promise<TestWorkshop> {
  const created = await callApi(
    workshopRoutes.createWorkshop,
    {
      body: {
        title: 'Zukunftswerkstatt',
        boards: Array.from({ length: boards }, (_, i) => ({ title: `Tisch ${i + 1}` })),
      },
    },
    { baseUrl },
  )
  const projectorToken = new URL(created.links.projector).searchParams.get('token')
  if (!projectorToken) throw new Error('projector link carries no token')
  return {
    workshopId: created.workshop.id,
    joinCode: created.workshop.joinCode,
    facilitatorToken: created.facilitatorToken,
    projectorToken,
    boardIds: created.boards.map((b) => b.id),
  }
}

export async function joinParticipant(
  baseUrl: string,
  workshop: TestWorkshop,
  name = 'Ada',
): Promise<{ participantId: string; participantToken: string }> {
  const joined = await callApi(
    workshopRoutes.joinWorkshop,
    { params: { workshopId: workshop.workshopId }, body: { name, joinCode: workshop.joinCode } },
    { baseUrl },
  )
  participantNames.set(joined.participantId, name)
  return joined
}

/** Display names of joined participants: `ideaCard` signs a card with its author's own name, as the web app does. */
const participantNames = new Map<string, string>()

/** The user id the server knows a token by (authorId of that user's cards). */
export async function userIdOf(baseUrl: string, token: string): Promise<string> {
  const res = await api(baseUrl, 'GET', '/api/me', { token })
  return res.body.userId
}

let cardCounter = 0

/** A valid idea card record written by `authorId`. */
export function ideaCard(
  authorId: string,
  text: string,
  overrides: Partial<IdeaCardShape['props']> = {},
): IdeaCardShape {
  cardCounter++
  return {
    id: `shape:test-${process.pid}-${cardCounter}-${Math.random().toString(36).slice(2, 8)}` as IdeaCardShape['id'],
    typeName: 'shape',
    type: IDEA_CARD_TYPE,
    parentId: 'page:page' as IdeaCardShape['parentId'],
    index: `a${(cardCounter % 8) + 2}` as IdeaCardShape['index'],
    x: cardCounter * 10,
    y: 0,
    rotation: 0,
    isLocked: false,
    opacity: 1,
    meta: {},
    props: {
      w: 220,
      h: 160,
      text,
      color: 'yellow',
      author: participantNames.get(authorId) ?? 'Ada',
      authorId,
      createdAt: Date.now(),
      ...overrides,
    },
  }
}

export interface BoardClient {
  doc: Y.Doc
  provider: WebsocketProvider
  records: YKeyValue<TLRecord>
  /** Close events the server sent (code, reason), in order. */
  closes: { code: number; reason: string }[]
  texts(): string[]
  has(id: string): boolean
  /** The idea card (or other shape) with this id, typed as an idea card. */
  card(id: string): IdeaCardShape | undefined
  destroy(): void
}

export function wsUrl(baseUrl: string): string {
  return `${baseUrl.replace(/^http/, 'ws')}/ws`
}

/** A real y-websocket client on a board; resolves once the first sync is done (or rejects on close). */
export async function connectClient(
  baseUrl: string,
  boardId: string,
  token: string,
  {
    waitForSync = true,
    params = {} as Record<string, string>,
    /** An existing document (a tab that reconnects keeps its doc and Yjs client id). */
    doc = new Y.Doc(),
  } = {},
): Promise<BoardClient> {
  const provider = new WebsocketProvider(wsUrl(baseUrl), boardId, doc, {
    params: { token, ...params },
    WebSocketPolyfill: WebSocket as never,
    connect: true,
    disableBc: true,
  })
  const records = openRecords(doc)
  const closes: BoardClient['closes'] = []
  provider.on('connection-close', (event) => {
    if (event) closes.push({ code: event.code, reason: event.reason })
  })
  const client: BoardClient = {
    doc,
    provider,
    records,
    closes,
    texts: () =>
      [...records.map.values()]
        .map((e) => e.val)
        .filter((r) => r.typeName === 'shape' && r.type === IDEA_CARD_TYPE)
        .map((r) => (r as IdeaCardShape).props.text)
        .sort(),
    has: (id) => records.has(id),
    card: (id) => records.get(id) as IdeaCardShape | undefined,
    destroy() {
      provider.destroy()
      doc.destroy()
    },
  }
  if (waitForSync) await waitFor(() => provider.synced || closes.length > 0, { what: `sync of ${boardId}` })
  if (waitForSync && !provider.synced) {
    client.destroy()
    throw new Error(`connection closed before sync: ${JSON.stringify(closes)}`)
  }
  return client
}

export interface RawSocket {
  ws: WebSocket
  received: Uint8Array[]
  closed: Promise<{ code: number; reason: string }>
}

/** A bare WebSocket on the board endpoint, for bytes no Yjs client would send. */
export async function openRawSocket(baseUrl: string, boardId: string, token: string | null): Promise<RawSocket> {
  const query = token === null ? '' : `?token=${encodeURIComponent(token)}`
  const ws = new WebSocket(`${wsUrl(baseUrl)}/${encodeURIComponent(boardId)}${query}`)
  const received: Uint8Array[] = []
  ws.on('message', (data: Buffer) => received.push(new Uint8Array(data)))
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() }))
  })
  ws.on('error', () => undefined) // the close event carries what tests check
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve())
    ws.once('error', reject)
  })
  return { ws, received, closed }
}

/**
 * Resolves once the server has flushed everything this provider sent before: the server answers
 * a sync step 1 only after persisting and broadcasting what it had received, and one socket's
 * messages are handled in order. A barrier without sleeping.
 */
export function serverRoundTrip(provider: WebsocketProvider): Promise<void> {
  const ws = provider.ws as unknown as WebSocket | null
  if (!ws || ws.readyState !== WebSocket.OPEN) return Promise.reject(new Error('provider not connected'))
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no sync step 2 within 5 s')), 5_000)
    const onClose = () => reject(new Error('closed before the round trip completed'))
    const onMessage = (data: Buffer | ArrayBuffer) => {
      // y-websocket sets binaryType 'arraybuffer'. Frame: [0 = sync, 1 = step 2, …]
      const bytes = new Uint8Array(data)
      if (bytes[0] === 0 && bytes[1] === 1) {
        ws.off('message', onMessage)
        ws.off('close', onClose) // a long-lived client makes many round trips
        clearTimeout(timer)
        resolve()
      }
    }
    ws.on('message', onMessage)
    ws.once('close', onClose)
    const sv = Y.encodeStateVector(provider.doc)
    ws.send(encodeFrame(0, 0, sv))
  })
}

/** [type, step, varUint8Array(payload)] — the y-protocols sync framing. */
export function encodeFrame(type: number, step: number, payload: Uint8Array): Uint8Array {
  const out: number[] = [type, step]
  let n = payload.length
  while (n > 127) {
    out.push((n & 127) | 128)
    n >>>= 7
  }
  out.push(n)
  const bytes = new Uint8Array(out.length + payload.length)
  bytes.set(out)
  bytes.set(payload, out.length)
  return bytes
}

/** A real y-websocket client on the board-state channel (`?state=1`), keeping every state message it got. */
export async function watchBoardState(baseUrl: string, boardId: string, token: string, { waitForSync = true } = {}) {
  const states: BoardStateMessage[] = []
  const client = await connectClient(baseUrl, boardId, token, { params: { state: '1' }, waitForSync: false })
  client.provider.messageHandlers[BOARD_STATE_MESSAGE] = (_encoder, decoder) => {
    states.push(JSON.parse(decoding.readVarString(decoder)) as BoardStateMessage)
  }
  await waitFor(() => (!waitForSync || client.provider.synced) && states.length > 0, {
    what: 'sync and first board state',
  })
  return { client, states, latest: () => states.at(-1)! }
}
