import {
  BOARD_STATE_MESSAGE,
  type BoardStateMessage,
  IDEA_CARD_TYPE,
  type IdeaCardShape,
  openRecords,
} from '@pinnwand/shared'
import * as decoding from 'lib0/decoding'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { wsUrl } from './testServer.ts'
import { waitFor } from './waitFor.ts'

/**
 * A participant's socket that keeps every frame it receives: document updates, awareness and
 * board-state messages alike, so a hidden text can be looked for in the raw bytes.
 */
export async function recordingClient(baseUrl: string, boardId: string, token: string) {
  const frames: Buffer[] = []
  class RecordingSocket extends WebSocket {
    constructor(...args: ConstructorParameters<typeof WebSocket>) {
      super(...args)
      this.on('message', (data: Buffer) => frames.push(Buffer.from(data)))
    }
  }
  const doc = new Y.Doc()
  const states: BoardStateMessage[] = []
  const provider = new WebsocketProvider(wsUrl(baseUrl), boardId, doc, {
    params: { token, state: '1' },
    WebSocketPolyfill: RecordingSocket as never,
    disableBc: true,
  })
  provider.messageHandlers[BOARD_STATE_MESSAGE] = (_encoder, decoder) => {
    states.push(JSON.parse(decoding.readVarString(decoder)) as BoardStateMessage)
  }
  await waitFor(() => provider.synced && states.length > 0, { what: 'recording client synced' })
  const records = openRecords(doc)
  return {
    doc,
    provider,
    records,
    frames,
    latest: () => states.at(-1)!,
    sawBytes: (text: string) => frames.some((frame) => frame.includes(Buffer.from(text, 'utf8'))),
    cards: () =>
      [...records.map.values()]
        .map((entry) => entry.val)
        .filter((r): r is IdeaCardShape => r.typeName === 'shape' && r.type === IDEA_CARD_TYPE),
    destroy() {
      provider.destroy()
      doc.destroy()
    },
  }
}

export type RecordingClient = Awaited<ReturnType<typeof recordingClient>>
