import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  decodeClientMessage,
  encodeAwareness,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeSyncUpdate,
  MalformedMessageError,
  MessageType,
} from './messages.ts'

const bytes = (...values: number[]) => new Uint8Array(values)

describe('y-websocket message framing', () => {
  const payload = bytes(1, 2, 3, 250, 0, 7)

  it('round-trips sync step 1, step 2, update and awareness', () => {
    expect(decodeClientMessage(encodeSyncStep1(payload))).toEqual({ kind: 'sync-step1', stateVector: payload })
    // A client's step 2 carries document content just like an update: both are applied the same way.
    expect(decodeClientMessage(encodeSyncStep2(payload))).toEqual({ kind: 'sync-update', update: payload, live: false })
    expect(decodeClientMessage(encodeSyncUpdate(payload))).toEqual({ kind: 'sync-update', update: payload, live: true })
    expect(decodeClientMessage(encodeAwareness(payload))).toEqual({ kind: 'awareness', update: payload })
  })

  it('decodes a query-awareness message', () => {
    expect(decodeClientMessage(bytes(MessageType.queryAwareness))).toEqual({ kind: 'query-awareness' })
  })

  it('frames exactly like y-protocols (type, step, length-prefixed payload)', () => {
    expect([...encodeSyncUpdate(bytes(9, 8))]).toEqual([0, 2, 2, 9, 8])
    expect([...encodeAwareness(bytes(5))]).toEqual([1, 1, 5])
  })

  it.each([
    ['empty message', bytes()],
    ['sync without step', bytes(0)],
    ['payload length beyond the end', bytes(0, 2, 50, 1, 2)],
    ['unterminated varint', bytes(0xff, 0xff, 0xff)],
  ])('throws MalformedMessageError for %s', (_name, data) => {
    expect(() => decodeClientMessage(data)).toThrow(MalformedMessageError)
  })

  it('throws MalformedMessageError for an unknown message type and an unknown sync step', () => {
    expect(() => decodeClientMessage(bytes(MessageType.auth, 0))).toThrow(/unknown message type 2/)
    expect(() => decodeClientMessage(bytes(42))).toThrow(MalformedMessageError)
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MessageType.sync)
    encoding.writeVarUint(encoder, 7)
    encoding.writeVarUint8Array(encoder, payload)
    expect(() => decodeClientMessage(encoding.toUint8Array(encoder))).toThrow(/unknown sync step 7/)
  })

  it('throws MalformedMessageError for random garbage (never another error type)', () => {
    let seed = 12345
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % 256
    for (let i = 0; i < 200; i++) {
      const data = new Uint8Array(1 + (next() % 16)).map(() => next())
      try {
        decodeClientMessage(data)
      } catch (error) {
        expect(error).toBeInstanceOf(MalformedMessageError)
      }
    }
  })

  it('refuses a Yjs V2 update, and takes V1 delete sets and empty updates as they are', () => {
    const doc = new Y.Doc()
    doc.getArray('records').push([{ key: 'shape:a', val: { id: 'shape:a' } }])
    const v2 = Y.encodeStateAsUpdateV2(doc)
    expect(() => decodeClientMessage(encodeSyncUpdate(v2))).toThrow(/not a Yjs V1 update/)
    expect(() => decodeClientMessage(encodeSyncStep2(v2))).toThrow(MalformedMessageError)
    doc.getArray('records').delete(0, 1)
    const deletesOnly = Y.encodeStateAsUpdate(doc, Y.encodeStateVector(doc))
    expect(deletesOnly[0]).toBe(0)
    expect(decodeClientMessage(encodeSyncUpdate(deletesOnly))).toMatchObject({ kind: 'sync-update' })
    expect(decodeClientMessage(encodeSyncStep2(Y.encodeStateAsUpdate(new Y.Doc())))).toMatchObject({ live: false })
  })
})
