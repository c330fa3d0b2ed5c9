import * as decoding from 'lib0/decoding'
import { describe, expect, it } from 'vitest'
import * as awarenessProtocol from 'y-protocols/awareness'
import type { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { sendOwnAwarenessOnly } from './sendOwnAwarenessOnly.ts'

/** A stand-in with the provider fields the function uses; records what goes over the socket. */
function fakeProvider() {
  const awareness = new awarenessProtocol.Awareness(new Y.Doc())
  const sent: Uint8Array[] = []
  let echoed = 0
  const original = () => echoed++
  awareness.on('update', original)
  const provider = {
    awareness,
    wsconnected: true,
    ws: { readyState: WebSocket.OPEN, send: (data: Uint8Array) => sent.push(data) },
    _awarenessUpdateHandler: original,
  } as unknown as WebsocketProvider
  return { provider, awareness, sent, echoed: () => echoed }
}

function clientIdsIn(message: Uint8Array): number[] {
  const decoder = decoding.createDecoder(message)
  expect(decoding.readVarUint(decoder)).toBe(1)
  const update = decoding.createDecoder(decoding.readVarUint8Array(decoder))
  const count = decoding.readVarUint(update)
  const ids: number[] = []
  for (let i = 0; i < count; i++) {
    ids.push(decoding.readVarUint(update))
    decoding.readVarUint(update)
    decoding.readVarString(update)
  }
  return ids
}

describe('sendOwnAwarenessOnly', () => {
  it('sends this client’s state and never echoes states received from others', () => {
    const { provider, awareness, sent, echoed } = fakeProvider()
    sendOwnAwarenessOnly(provider)

    const other = new awarenessProtocol.Awareness(new Y.Doc())
    other.setLocalState({ user: { name: 'Grace' } })
    awarenessProtocol.applyAwarenessUpdate(
      awareness,
      awarenessProtocol.encodeAwarenessUpdate(other, [other.clientID]),
      'server',
    )
    expect(sent).toEqual([])

    awareness.setLocalState({ user: { name: 'Ada' } })
    expect(sent).toHaveLength(1)
    expect(clientIdsIn(sent[0] as Uint8Array)).toEqual([awareness.clientID])
    // The provider's own echoing handler is no longer attached.
    expect(echoed()).toBe(0)
  })
})
